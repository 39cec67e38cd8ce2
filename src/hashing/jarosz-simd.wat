;; PDQ luma + Jarosz box passes in WebAssembly SIMD (f32x4), bit-exact with the C++ reference:
;; every add, subtract, multiply and divide is one IEEE float32 operation in the reference order,
;; only four independent rows (or columns) share a vector. Compiled by `npm run build:wasm` into
;; jarosz-simd.wasm.ts; jarosz-simd.test.ts checks that the embedded bytes are this file's.
;;
;; Image buffers hold float32 rows of `stride` floats (stride a multiple of 16); row counts are
;; padded to a multiple of 16 by the caller. Padding lanes carry garbage that is never read back.
(module
  (memory (export "memory") 1)

;; Reference fillFloatLumaFromRGB: Y = 0.299f*R + 0.587f*G + 0.114f*B, left to right, for
  ;; `groups` groups of 4 pixels from interleaved bytes at $src (1..4 channels; 1-2 are grey, alpha
  ;; ignored) to floats at $dst. Reads up to 16 bytes past the last group: the caller leaves that slack.
  (func (export "lumaRow") (param $src i32) (param $dst i32) (param $groups i32) (param $channels i32)
    (local $v v128) (local $cr v128) (local $cg v128) (local $cb v128)
    (local.set $cr (f32x4.splat (f32.const 0.299)))
    (local.set $cg (f32x4.splat (f32.const 0.587)))
    (local.set $cb (f32x4.splat (f32.const 0.114)))
    (if (i32.eq (local.get $channels) (i32.const 3)) (then
    (block $c3e (loop $c3
      (br_if $c3e (i32.eqz (local.get $groups)))
      (local.set $v (v128.load align=1 (local.get $src)))
      (v128.store (local.get $dst) (f32x4.add
              (f32x4.add
                (f32x4.mul (local.get $cr) (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v) (v128.const i8x16 0 128 128 128 3 128 128 128 6 128 128 128 9 128 128 128))))
                (f32x4.mul (local.get $cg) (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v) (v128.const i8x16 1 128 128 128 4 128 128 128 7 128 128 128 10 128 128 128)))))
              (f32x4.mul (local.get $cb) (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v) (v128.const i8x16 2 128 128 128 5 128 128 128 8 128 128 128 11 128 128 128))))))
      (local.set $src (i32.add (local.get $src) (i32.const 12)))
      (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
      (local.set $groups (i32.sub (local.get $groups) (i32.const 1)))
      (br $c3)))
    (return)))
    (if (i32.eq (local.get $channels) (i32.const 4)) (then
    (block $c4e (loop $c4
      (br_if $c4e (i32.eqz (local.get $groups)))
      (local.set $v (v128.load align=1 (local.get $src)))
      (v128.store (local.get $dst) (f32x4.add
              (f32x4.add
                (f32x4.mul (local.get $cr) (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v) (v128.const i8x16 0 128 128 128 4 128 128 128 8 128 128 128 12 128 128 128))))
                (f32x4.mul (local.get $cg) (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v) (v128.const i8x16 1 128 128 128 5 128 128 128 9 128 128 128 13 128 128 128)))))
              (f32x4.mul (local.get $cb) (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v) (v128.const i8x16 2 128 128 128 6 128 128 128 10 128 128 128 14 128 128 128))))))
      (local.set $src (i32.add (local.get $src) (i32.const 16)))
      (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
      (local.set $groups (i32.sub (local.get $groups) (i32.const 1)))
      (br $c4)))
    (return)))
    (if (i32.eq (local.get $channels) (i32.const 2)) (then
    (block $c2e (loop $c2
      (br_if $c2e (i32.eqz (local.get $groups)))
      (local.set $v (v128.load align=1 (local.get $src)))
      (local.set $v (i8x16.swizzle (local.get $v) (v128.const i8x16 0 128 128 128 2 128 128 128 4 128 128 128 6 128 128 128)))
      (v128.store (local.get $dst) (f32x4.add
              (f32x4.add
                (f32x4.mul (local.get $cr) (f32x4.convert_i32x4_s (local.get $v)))
                (f32x4.mul (local.get $cg) (f32x4.convert_i32x4_s (local.get $v))))
              (f32x4.mul (local.get $cb) (f32x4.convert_i32x4_s (local.get $v)))))
      (local.set $src (i32.add (local.get $src) (i32.const 8)))
      (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
      (local.set $groups (i32.sub (local.get $groups) (i32.const 1)))
      (br $c2)))
    (return)))
    (block $c1e (loop $c1
      (br_if $c1e (i32.eqz (local.get $groups)))
      (local.set $v (v128.load align=1 (local.get $src)))
      (local.set $v (i8x16.swizzle (local.get $v) (v128.const i8x16 0 128 128 128 1 128 128 128 2 128 128 128 3 128 128 128)))
      (v128.store (local.get $dst) (f32x4.add
              (f32x4.add
                (f32x4.mul (local.get $cr) (f32x4.convert_i32x4_s (local.get $v)))
                (f32x4.mul (local.get $cg) (f32x4.convert_i32x4_s (local.get $v))))
              (f32x4.mul (local.get $cb) (f32x4.convert_i32x4_s (local.get $v)))))
      (local.set $src (i32.add (local.get $src) (i32.const 4)))
      (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
      (local.set $groups (i32.sub (local.get $groups) (i32.const 1)))
      (br $c1)))
  )

  ;; Reference box1DFloat on 4 independent vector sequences at once: sequence j has element k at
  ;; $src + j*$vs + k*$es (likewise $dst). Phases as upstream: accumulate, grow, slide, shrink.
  (func $box4 (param $src i32) (param $dst i32) (param $len i32) (param $win i32) (param $es i32) (param $vs i32)
    (local $half i32) (local $p i32) (local $n i32) (local $ri i32) (local $li i32) (local $oi i32)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $d v128)
    (local $vs2 i32) (local $vs3 i32)
    (local.set $vs2 (i32.shl (local.get $vs) (i32.const 1)))
    (local.set $vs3 (i32.add (local.get $vs2) (local.get $vs)))
    (local.set $half (i32.shr_u (i32.add (local.get $win) (i32.const 2)) (i32.const 1)))
    (local.set $ri (local.get $src))
    (local.set $li (local.get $src))
    (local.set $oi (local.get $dst))
    ;; phase 1: half-1 adds, no output
    (local.set $p (i32.sub (local.get $half) (i32.const 1)))
    (block $e1 (loop $l1
      (br_if $e1 (i32.le_s (local.get $p) (i32.const 0)))
      (local.set $s0 (f32x4.add (local.get $s0) (v128.load (local.get $ri))))
      (local.set $s1 (f32x4.add (local.get $s1) (v128.load (i32.add (local.get $ri) (local.get $vs)))))
      (local.set $s2 (f32x4.add (local.get $s2) (v128.load (i32.add (local.get $ri) (local.get $vs2)))))
      (local.set $s3 (f32x4.add (local.get $s3) (v128.load (i32.add (local.get $ri) (local.get $vs3)))))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (local.set $ri (i32.add (local.get $ri) (local.get $es)))
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (br $l1)))
    ;; phase 2: win-half+1 adds with output over the growing window
    (local.set $p (i32.add (i32.sub (local.get $win) (local.get $half)) (i32.const 1)))
    (block $e2 (loop $l2
      (br_if $e2 (i32.le_s (local.get $p) (i32.const 0)))
      (local.set $s0 (f32x4.add (local.get $s0) (v128.load (local.get $ri))))
      (local.set $s1 (f32x4.add (local.get $s1) (v128.load (i32.add (local.get $ri) (local.get $vs)))))
      (local.set $s2 (f32x4.add (local.get $s2) (v128.load (i32.add (local.get $ri) (local.get $vs2)))))
      (local.set $s3 (f32x4.add (local.get $s3) (v128.load (i32.add (local.get $ri) (local.get $vs3)))))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (local.set $d (f32x4.splat (f32.convert_i32_s (local.get $n))))
      (v128.store (local.get $oi) (f32x4.div (local.get $s0) (local.get $d)))
      (v128.store (i32.add (local.get $oi) (local.get $vs)) (f32x4.div (local.get $s1) (local.get $d)))
      (v128.store (i32.add (local.get $oi) (local.get $vs2)) (f32x4.div (local.get $s2) (local.get $d)))
      (v128.store (i32.add (local.get $oi) (local.get $vs3)) (f32x4.div (local.get $s3) (local.get $d)))
      (local.set $ri (i32.add (local.get $ri) (local.get $es)))
      (local.set $oi (i32.add (local.get $oi) (local.get $es)))
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (br $l2)))
    ;; phase 3: len-win slides (add the entering element, then subtract the leaving one)
    (local.set $p (i32.sub (local.get $len) (local.get $win)))
    (local.set $d (f32x4.splat (f32.convert_i32_s (local.get $n))))
    (block $e3 (loop $l3
      (br_if $e3 (i32.le_s (local.get $p) (i32.const 0)))
      (local.set $s0 (f32x4.sub (f32x4.add (local.get $s0) (v128.load (local.get $ri))) (v128.load (local.get $li))))
      (local.set $s1 (f32x4.sub (f32x4.add (local.get $s1) (v128.load (i32.add (local.get $ri) (local.get $vs)))) (v128.load (i32.add (local.get $li) (local.get $vs)))))
      (local.set $s2 (f32x4.sub (f32x4.add (local.get $s2) (v128.load (i32.add (local.get $ri) (local.get $vs2)))) (v128.load (i32.add (local.get $li) (local.get $vs2)))))
      (local.set $s3 (f32x4.sub (f32x4.add (local.get $s3) (v128.load (i32.add (local.get $ri) (local.get $vs3)))) (v128.load (i32.add (local.get $li) (local.get $vs3)))))
      (v128.store (local.get $oi) (f32x4.div (local.get $s0) (local.get $d)))
      (v128.store (i32.add (local.get $oi) (local.get $vs)) (f32x4.div (local.get $s1) (local.get $d)))
      (v128.store (i32.add (local.get $oi) (local.get $vs2)) (f32x4.div (local.get $s2) (local.get $d)))
      (v128.store (i32.add (local.get $oi) (local.get $vs3)) (f32x4.div (local.get $s3) (local.get $d)))
      (local.set $ri (i32.add (local.get $ri) (local.get $es)))
      (local.set $li (i32.add (local.get $li) (local.get $es)))
      (local.set $oi (i32.add (local.get $oi) (local.get $es)))
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (br $l3)))
    ;; phase 4: half-1 subtracts with output over the shrinking window
    (local.set $p (i32.sub (local.get $half) (i32.const 1)))
    (block $e4 (loop $l4
      (br_if $e4 (i32.le_s (local.get $p) (i32.const 0)))
      (local.set $s0 (f32x4.sub (local.get $s0) (v128.load (local.get $li))))
      (local.set $s1 (f32x4.sub (local.get $s1) (v128.load (i32.add (local.get $li) (local.get $vs)))))
      (local.set $s2 (f32x4.sub (local.get $s2) (v128.load (i32.add (local.get $li) (local.get $vs2)))))
      (local.set $s3 (f32x4.sub (local.get $s3) (v128.load (i32.add (local.get $li) (local.get $vs3)))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (local.set $d (f32x4.splat (f32.convert_i32_s (local.get $n))))
      (v128.store (local.get $oi) (f32x4.div (local.get $s0) (local.get $d)))
      (v128.store (i32.add (local.get $oi) (local.get $vs)) (f32x4.div (local.get $s1) (local.get $d)))
      (v128.store (i32.add (local.get $oi) (local.get $vs2)) (f32x4.div (local.get $s2) (local.get $d)))
      (v128.store (i32.add (local.get $oi) (local.get $vs3)) (f32x4.div (local.get $s3) (local.get $d)))
      (local.set $li (i32.add (local.get $li) (local.get $es)))
      (local.set $oi (i32.add (local.get $oi) (local.get $es)))
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (br $l4))))

  ;; Transpose 4x4 float blocks between 4 rows (row q at $rows + q*$rowBytes) and the interleaved
  ;; layout (element i = one vector of the 4 rows' column i, at $inter + 16*i), for `n` columns
  ;; (a multiple of 4). $back = 0: rows -> interleaved; 1: interleaved -> rows.
  (func $transpose (param $rows i32) (param $rowBytes i32) (param $inter i32) (param $n i32) (param $back i32)
    (local $a v128) (local $b v128) (local $c v128) (local $d v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local $r1 i32) (local $r2 i32) (local $r3 i32)
    (local.set $r1 (local.get $rowBytes))
    (local.set $r2 (i32.shl (local.get $rowBytes) (i32.const 1)))
    (local.set $r3 (i32.add (local.get $r2) (local.get $rowBytes)))
    (block $done (loop $next
      (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
      (if (i32.eqz (local.get $back))
        (then
          (local.set $a (v128.load (local.get $rows)))
          (local.set $b (v128.load (i32.add (local.get $rows) (local.get $r1))))
          (local.set $c (v128.load (i32.add (local.get $rows) (local.get $r2))))
          (local.set $d (v128.load (i32.add (local.get $rows) (local.get $r3)))))
        (else
          (local.set $a (v128.load (local.get $inter)))
          (local.set $b (v128.load offset=16 (local.get $inter)))
          (local.set $c (v128.load offset=32 (local.get $inter)))
          (local.set $d (v128.load offset=48 (local.get $inter)))))
      ;; (a0 b0 a1 b1) (a2 b2 a3 b3) (c0 d0 c1 d1) (c2 d2 c3 d3)
      (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a) (local.get $b)))
      (local.set $t1 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a) (local.get $b)))
      (local.set $t2 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $c) (local.get $d)))
      (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $c) (local.get $d)))
      ;; (a0 b0 c0 d0) (a1 b1 c1 d1) (a2 b2 c2 d2) (a3 b3 c3 d3)
      (local.set $a (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t2)))
      (local.set $b (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t2)))
      (local.set $c (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t1) (local.get $t3)))
      (local.set $d (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t1) (local.get $t3)))
      (if (i32.eqz (local.get $back))
        (then
          (v128.store (local.get $inter) (local.get $a))
          (v128.store offset=16 (local.get $inter) (local.get $b))
          (v128.store offset=32 (local.get $inter) (local.get $c))
          (v128.store offset=48 (local.get $inter) (local.get $d)))
        (else
          (v128.store (local.get $rows) (local.get $a))
          (v128.store (i32.add (local.get $rows) (local.get $r1)) (local.get $b))
          (v128.store (i32.add (local.get $rows) (local.get $r2)) (local.get $c))
          (v128.store (i32.add (local.get $rows) (local.get $r3)) (local.get $d))))
      (local.set $rows (i32.add (local.get $rows) (i32.const 16)))
      (local.set $inter (i32.add (local.get $inter) (i32.const 64)))
      (local.set $n (i32.sub (local.get $n) (i32.const 4)))
      (br $next))))

  ;; Box filter along each row of `rows` rows (a multiple of 16) of `len` valid floats, window $win,
  ;; $src -> $dst (stride floats per row). 16 rows at a time through the interleaved scratch
  ;; areas $sa and $sb (each 4 * stride vectors).
  (func (export "boxRows") (param $src i32) (param $dst i32) (param $sa i32) (param $sb i32)
        (param $stride i32) (param $rows i32) (param $len i32) (param $win i32)
    (local $rowBytes i32) (local $quadBytes i32) (local $j i32)
    (local.set $rowBytes (i32.shl (local.get $stride) (i32.const 2)))
    (local.set $quadBytes (i32.shl (local.get $stride) (i32.const 4)))
    (block $done (loop $next
      (br_if $done (i32.le_s (local.get $rows) (i32.const 0)))
      (local.set $j (i32.const 0))
      (block $t (loop $tl
        (br_if $t (i32.ge_s (local.get $j) (i32.const 4)))
        (call $transpose
          (i32.add (local.get $src) (i32.mul (local.get $j) (i32.shl (local.get $rowBytes) (i32.const 2))))
          (local.get $rowBytes)
          (i32.add (local.get $sa) (i32.mul (local.get $j) (local.get $quadBytes)))
          (local.get $stride) (i32.const 0))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $tl)))
      (call $box4 (local.get $sa) (local.get $sb) (local.get $len) (local.get $win) (i32.const 16) (local.get $quadBytes))
      (local.set $j (i32.const 0))
      (block $u (loop $ul
        (br_if $u (i32.ge_s (local.get $j) (i32.const 4)))
        (call $transpose
          (i32.add (local.get $dst) (i32.mul (local.get $j) (i32.shl (local.get $rowBytes) (i32.const 2))))
          (local.get $rowBytes)
          (i32.add (local.get $sb) (i32.mul (local.get $j) (local.get $quadBytes)))
          (local.get $stride) (i32.const 1))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $ul)))
      (local.set $src (i32.add (local.get $src) (i32.shl (local.get $rowBytes) (i32.const 4))))
      (local.set $dst (i32.add (local.get $dst) (i32.shl (local.get $rowBytes) (i32.const 4))))
      (local.set $rows (i32.sub (local.get $rows) (i32.const 16)))
      (br $next))))

  ;; boxRows, but keeping only the 64 columns listed at $picks (64 i32) of each row: row y's k-th
  ;; pick goes to $dst + (y*64 + k)*4. The running sums still cover the whole row.
  (func (export "boxRowsPick") (param $src i32) (param $dst i32) (param $sa i32) (param $sb i32)
        (param $stride i32) (param $rows i32) (param $len i32) (param $win i32) (param $picks i32)
    (local $rowBytes i32) (local $quadBytes i32) (local $j i32) (local $k i32) (local $v v128) (local $o i32)
    (local.set $rowBytes (i32.shl (local.get $stride) (i32.const 2)))
    (local.set $quadBytes (i32.shl (local.get $stride) (i32.const 4)))
    (block $done (loop $next
      (br_if $done (i32.le_s (local.get $rows) (i32.const 0)))
      (local.set $j (i32.const 0))
      (block $t (loop $tl
        (br_if $t (i32.ge_s (local.get $j) (i32.const 4)))
        (call $transpose
          (i32.add (local.get $src) (i32.mul (local.get $j) (i32.shl (local.get $rowBytes) (i32.const 2))))
          (local.get $rowBytes)
          (i32.add (local.get $sa) (i32.mul (local.get $j) (local.get $quadBytes)))
          (local.get $stride) (i32.const 0))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $tl)))
      (call $box4 (local.get $sa) (local.get $sb) (local.get $len) (local.get $win) (i32.const 16) (local.get $quadBytes))
      ;; quad j, pick k: the vector of rows 4j..4j+3 at column picks[k]
      (local.set $j (i32.const 0))
      (block $u (loop $ul
        (br_if $u (i32.ge_s (local.get $j) (i32.const 4)))
        (local.set $k (i32.const 0))
        (block $pk (loop $pl
          (br_if $pk (i32.ge_s (local.get $k) (i32.const 64)))
          (local.set $v (v128.load (i32.add
            (i32.add (local.get $sb) (i32.mul (local.get $j) (local.get $quadBytes)))
            (i32.shl (i32.load (i32.add (local.get $picks) (i32.shl (local.get $k) (i32.const 2)))) (i32.const 4)))))
          (local.set $o (i32.add (local.get $dst) (i32.shl (i32.add (i32.shl (local.get $j) (i32.const 8)) (local.get $k)) (i32.const 2))))
          (f32.store (local.get $o) (f32x4.extract_lane 0 (local.get $v)))
          (f32.store offset=256 (local.get $o) (f32x4.extract_lane 1 (local.get $v)))
          (f32.store offset=512 (local.get $o) (f32x4.extract_lane 2 (local.get $v)))
          (f32.store offset=768 (local.get $o) (f32x4.extract_lane 3 (local.get $v)))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br $pl)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $ul)))
      (local.set $src (i32.add (local.get $src) (i32.shl (local.get $rowBytes) (i32.const 4))))
      (local.set $dst (i32.add (local.get $dst) (i32.const 4096)))
      (local.set $rows (i32.sub (local.get $rows) (i32.const 16)))
      (br $next))))

  ;; One step of the column box over every column (vectors of 4 columns, 4 vectors per turn):
  ;; $mode 0 adds row $add to the sums, 1 adds and writes sums/$n to row $out, 2 adds $add then
  ;; subtracts $sub and writes, 3 subtracts and writes. $sums holds one float32 per column.
  (func $colStep (param $mode i32) (param $add i32) (param $sub i32) (param $out i32) (param $sums i32) (param $bytes i32) (param $n i32)
    (local $d v128) (local $end i32) (local $s v128)
    (local.set $d (f32x4.splat (f32.convert_i32_s (local.get $n))))
    (local.set $end (i32.add (local.get $sums) (local.get $bytes)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $sums) (local.get $end)))
      (if (i32.eq (local.get $mode) (i32.const 2))
        (then
          (local.set $s (f32x4.sub (f32x4.add (v128.load (local.get $sums)) (v128.load (local.get $add))) (v128.load (local.get $sub))))
          (v128.store (local.get $sums) (local.get $s))
          (v128.store (local.get $out) (f32x4.div (local.get $s) (local.get $d)))
          (local.set $s (f32x4.sub (f32x4.add (v128.load offset=16 (local.get $sums)) (v128.load offset=16 (local.get $add))) (v128.load offset=16 (local.get $sub))))
          (v128.store offset=16 (local.get $sums) (local.get $s))
          (v128.store offset=16 (local.get $out) (f32x4.div (local.get $s) (local.get $d)))
          (local.set $s (f32x4.sub (f32x4.add (v128.load offset=32 (local.get $sums)) (v128.load offset=32 (local.get $add))) (v128.load offset=32 (local.get $sub))))
          (v128.store offset=32 (local.get $sums) (local.get $s))
          (v128.store offset=32 (local.get $out) (f32x4.div (local.get $s) (local.get $d)))
          (local.set $s (f32x4.sub (f32x4.add (v128.load offset=48 (local.get $sums)) (v128.load offset=48 (local.get $add))) (v128.load offset=48 (local.get $sub))))
          (v128.store offset=48 (local.get $sums) (local.get $s))
          (v128.store offset=48 (local.get $out) (f32x4.div (local.get $s) (local.get $d))))
        (else (if (i32.eq (local.get $mode) (i32.const 3))
          (then
            (local.set $s (f32x4.sub (v128.load (local.get $sums)) (v128.load (local.get $sub))))
            (v128.store (local.get $sums) (local.get $s))
            (v128.store (local.get $out) (f32x4.div (local.get $s) (local.get $d)))
            (local.set $s (f32x4.sub (v128.load offset=16 (local.get $sums)) (v128.load offset=16 (local.get $sub))))
            (v128.store offset=16 (local.get $sums) (local.get $s))
            (v128.store offset=16 (local.get $out) (f32x4.div (local.get $s) (local.get $d)))
            (local.set $s (f32x4.sub (v128.load offset=32 (local.get $sums)) (v128.load offset=32 (local.get $sub))))
            (v128.store offset=32 (local.get $sums) (local.get $s))
            (v128.store offset=32 (local.get $out) (f32x4.div (local.get $s) (local.get $d)))
            (local.set $s (f32x4.sub (v128.load offset=48 (local.get $sums)) (v128.load offset=48 (local.get $sub))))
            (v128.store offset=48 (local.get $sums) (local.get $s))
            (v128.store offset=48 (local.get $out) (f32x4.div (local.get $s) (local.get $d))))
          (else
            (local.set $s (f32x4.add (v128.load (local.get $sums)) (v128.load (local.get $add))))
            (v128.store (local.get $sums) (local.get $s))
            (if (local.get $mode) (then (v128.store (local.get $out) (f32x4.div (local.get $s) (local.get $d)))))
            (local.set $s (f32x4.add (v128.load offset=16 (local.get $sums)) (v128.load offset=16 (local.get $add))))
            (v128.store offset=16 (local.get $sums) (local.get $s))
            (if (local.get $mode) (then (v128.store offset=16 (local.get $out) (f32x4.div (local.get $s) (local.get $d)))))
            (local.set $s (f32x4.add (v128.load offset=32 (local.get $sums)) (v128.load offset=32 (local.get $add))))
            (v128.store offset=32 (local.get $sums) (local.get $s))
            (if (local.get $mode) (then (v128.store offset=32 (local.get $out) (f32x4.div (local.get $s) (local.get $d)))))
            (local.set $s (f32x4.add (v128.load offset=48 (local.get $sums)) (v128.load offset=48 (local.get $add))))
            (v128.store offset=48 (local.get $sums) (local.get $s))
            (if (local.get $mode) (then (v128.store offset=48 (local.get $out) (f32x4.div (local.get $s) (local.get $d)))))))))
      (local.set $sums (i32.add (local.get $sums) (i32.const 64)))
      (local.set $add (i32.add (local.get $add) (i32.const 64)))
      (local.set $sub (i32.add (local.get $sub) (i32.const 64)))
      (local.set $out (i32.add (local.get $out) (i32.const 64)))
      (br $next))))

  ;; Box filter down each column (reference box1DFloat with the row as the step): `len` valid rows,
  ;; window $win, $src -> $dst, all stride columns, sweeping row by row so memory is read in order.
  ;; $sums: scratch of stride floats.
  (func (export "boxCols") (param $src i32) (param $dst i32) (param $sums i32) (param $stride i32) (param $len i32) (param $win i32)
    (local $bytes i32) (local $half i32) (local $p i32) (local $n i32) (local $ri i32) (local $li i32) (local $oi i32)
    (local.set $bytes (i32.shl (local.get $stride) (i32.const 2)))
    (memory.fill (local.get $sums) (i32.const 0) (local.get $bytes))
    (local.set $half (i32.shr_u (i32.add (local.get $win) (i32.const 2)) (i32.const 1)))
    (local.set $ri (local.get $src))
    (local.set $li (local.get $src))
    (local.set $oi (local.get $dst))
    (local.set $p (i32.sub (local.get $half) (i32.const 1)))
    (block $e1 (loop $l1
      (br_if $e1 (i32.le_s (local.get $p) (i32.const 0)))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (call $colStep (i32.const 0) (local.get $ri) (i32.const 0) (i32.const 0) (local.get $sums) (local.get $bytes) (local.get $n))
      (local.set $ri (i32.add (local.get $ri) (local.get $bytes)))
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (br $l1)))
    (local.set $p (i32.add (i32.sub (local.get $win) (local.get $half)) (i32.const 1)))
    (block $e2 (loop $l2
      (br_if $e2 (i32.le_s (local.get $p) (i32.const 0)))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (call $colStep (i32.const 1) (local.get $ri) (i32.const 0) (local.get $oi) (local.get $sums) (local.get $bytes) (local.get $n))
      (local.set $ri (i32.add (local.get $ri) (local.get $bytes)))
      (local.set $oi (i32.add (local.get $oi) (local.get $bytes)))
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (br $l2)))
    (local.set $p (i32.sub (local.get $len) (local.get $win)))
    (block $e3 (loop $l3
      (br_if $e3 (i32.le_s (local.get $p) (i32.const 0)))
      (call $colStep (i32.const 2) (local.get $ri) (local.get $li) (local.get $oi) (local.get $sums) (local.get $bytes) (local.get $n))
      (local.set $ri (i32.add (local.get $ri) (local.get $bytes)))
      (local.set $li (i32.add (local.get $li) (local.get $bytes)))
      (local.set $oi (i32.add (local.get $oi) (local.get $bytes)))
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (br $l3)))
    (local.set $p (i32.sub (local.get $half) (i32.const 1)))
    (block $e4 (loop $l4
      (br_if $e4 (i32.le_s (local.get $p) (i32.const 0)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (call $colStep (i32.const 3) (i32.const 0) (local.get $li) (local.get $oi) (local.get $sums) (local.get $bytes) (local.get $n))
      (local.set $li (i32.add (local.get $li) (local.get $bytes)))
      (local.set $oi (i32.add (local.get $oi) (local.get $bytes)))
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (br $l4))))
;; C (rows x n) = L (rows x k) times R (k x n), row-major float32, n a multiple of 4: every C[i][j] sums its
  ;; k products in ascending order from 0, each product and each partial sum one float32 operation, as the
  ;; reference DCT does (pdq.ts dct64To16); four adjacent j share a vector.
  (func (export "matmul") (param $l i32) (param $r i32) (param $out i32) (param $rows i32) (param $k i32) (param $n i32)
    (local $i i32) (local $j i32) (local $kk i32) (local $lp i32) (local $rp i32) (local $nb i32) (local $kb i32) (local $acc v128)
    (local.set $nb (i32.shl (local.get $n) (i32.const 2)))
    (local.set $kb (i32.shl (local.get $k) (i32.const 2)))
    (block $ie (loop $il
      (br_if $ie (i32.ge_u (local.get $i) (local.get $rows)))
      (local.set $j (i32.const 0))
      (block $je (loop $jl
        (br_if $je (i32.ge_u (local.get $j) (local.get $nb)))
        (local.set $acc (v128.const f32x4 0 0 0 0))
        (local.set $lp (i32.add (local.get $l) (i32.mul (local.get $i) (local.get $kb))))
        (local.set $rp (i32.add (local.get $r) (local.get $j)))
        (local.set $kk (local.get $k))
        (block $ke (loop $kl
          (br_if $ke (i32.eqz (local.get $kk)))
          (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul (f32x4.splat (f32.load (local.get $lp))) (v128.load align=4 (local.get $rp)))))
          (local.set $lp (i32.add (local.get $lp) (i32.const 4)))
          (local.set $rp (i32.add (local.get $rp) (local.get $nb)))
          (local.set $kk (i32.sub (local.get $kk) (i32.const 1)))
          (br $kl)))
        (v128.store align=4 (i32.add (local.get $out) (i32.add (i32.mul (local.get $i) (local.get $nb)) (local.get $j))) (local.get $acc))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $jl)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $il)))
  )
)
