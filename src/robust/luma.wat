;; The robust stage's work luma (signature.ts downscaledLuma, its every-pixel case): luma of interleaved 8-bit
;; pixels (3 or 4 channels), box-averaged by an integer factor f ≤ 7. The TypeScript loop sums the pixels'
;; 0.299 R + 0.587 G + 0.114 B in float64 and rounds the mean to float32. Here the sum is exact, in integers
;; (K = 299 ΣR + 587 ΣG + 114 ΣB ≤ 49 · 255,000), and the mean is f32(K / (1000 n)): the same float32 value.
;; Why: K / (1000 n) is a rational whose distance from any float32 rounding boundary is at least 6e-13 of its
;; size (its denominator has at most 2^8 as power of two, the boundaries need 2^17 or more), while the float64
;; sums stray from it by under 2e-14 of its size; both round to the float32 nearest it. luma.test.ts compares
;; them on every shape, and bench:stages' digests are those of the float64 loop.
(module
  (memory (export "memory") 1)

  ;; $src: the region's first pixel; $stride: bytes per image row; $rw×$rh: the region; $ow×$oh: the output
  ;; (ceil of the region / f); $dst: f32 output; $acc: i32 scratch ($ow).
  (func (export "blockLuma") (param $src i32) (param $stride i32) (param $ch i32) (param $rw i32) (param $rh i32)
      (param $f i32) (param $ow i32) (param $oh i32) (param $dst i32) (param $acc i32)
    (local $oy i32) (local $y i32) (local $yEnd i32) (local $p i32) (local $a i32) (local $end i32)
    (local $ox i32) (local $full i32) (local $last i32) (local $rows i32) (local $n i32)
    (local $r i32) (local $g i32) (local $b i32)
    (local.set $full (i32.div_u (local.get $rw) (local.get $f)))
    (local.set $last (i32.sub (local.get $rw) (i32.mul (local.get $full) (local.get $f))))
    (block $eoy (loop $loy
      (br_if $eoy (i32.ge_u (local.get $oy) (local.get $oh)))
      (memory.fill (local.get $acc) (i32.const 0) (i32.shl (local.get $ow) (i32.const 2)))
      (local.set $y (i32.mul (local.get $oy) (local.get $f)))
      (local.set $yEnd (i32.add (local.get $y) (local.get $f)))
      (if (i32.gt_u (local.get $yEnd) (local.get $rh)) (then (local.set $yEnd (local.get $rh))))
      (local.set $rows (i32.sub (local.get $yEnd) (local.get $y)))
      (block $ey (loop $ly
        (br_if $ey (i32.ge_u (local.get $y) (local.get $yEnd)))
        ;; the row's channel sums per block, weighted once per block into the block's accumulator
        (local.set $p (i32.add (local.get $src) (i32.mul (local.get $y) (local.get $stride))))
        (local.set $a (local.get $acc))
        (local.set $ox (i32.const 0))
        (block $eb (loop $lb
          (br_if $eb (i32.ge_u (local.get $ox) (local.get $ow)))
          (local.set $n (select (local.get $f) (local.get $last) (i32.lt_u (local.get $ox) (local.get $full))))
          (if (i32.and (i32.eq (local.get $n) (i32.const 2)) (i32.eq (local.get $ch) (i32.const 3)))
            (then
              ;; two RGB pixels (the hashing worker's 1024-px work image to 512), unrolled
              (local.set $r (i32.add (i32.load8_u (local.get $p)) (i32.load8_u offset=3 (local.get $p))))
              (local.set $g (i32.add (i32.load8_u offset=1 (local.get $p)) (i32.load8_u offset=4 (local.get $p))))
              (local.set $b (i32.add (i32.load8_u offset=2 (local.get $p)) (i32.load8_u offset=5 (local.get $p))))
              (local.set $p (i32.add (local.get $p) (i32.const 6))))
            (else
              (local.set $end (i32.add (local.get $p) (i32.mul (local.get $n) (local.get $ch))))
              (local.set $r (i32.const 0))
              (local.set $g (i32.const 0))
              (local.set $b (i32.const 0))
              (block $ek (loop $lk
                (br_if $ek (i32.ge_u (local.get $p) (local.get $end)))
                (local.set $r (i32.add (local.get $r) (i32.load8_u (local.get $p))))
                (local.set $g (i32.add (local.get $g) (i32.load8_u offset=1 (local.get $p))))
                (local.set $b (i32.add (local.get $b) (i32.load8_u offset=2 (local.get $p))))
                (local.set $p (i32.add (local.get $p) (local.get $ch)))
                (br $lk)))))
          (i32.store (local.get $a) (i32.add (i32.load (local.get $a)) (i32.add (i32.add
            (i32.mul (i32.const 299) (local.get $r))
            (i32.mul (i32.const 587) (local.get $g)))
            (i32.mul (i32.const 114) (local.get $b)))))
          (local.set $a (i32.add (local.get $a) (i32.const 4)))
          (local.set $ox (i32.add (local.get $ox) (i32.const 1)))
          (br $lb)))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $ly)))
      ;; the row of outputs: each block's mean
      (local.set $a (local.get $acc))
      (local.set $ox (i32.const 0))
      (block $eo (loop $lo
        (br_if $eo (i32.ge_u (local.get $ox) (local.get $ow)))
        (local.set $n (i32.mul (local.get $rows) (select (local.get $f) (local.get $last) (i32.lt_u (local.get $ox) (local.get $full)))))
        (f32.store (local.get $dst) (f32.demote_f64 (f64.div
          (f64.convert_i32_u (i32.load (local.get $a)))
          (f64.convert_i32_u (i32.mul (i32.const 1000) (local.get $n))))))
        (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
        (local.set $a (i32.add (local.get $a) (i32.const 4)))
        (local.set $ox (i32.add (local.get $ox) (i32.const 1)))
        (br $lo)))
      (local.set $oy (i32.add (local.get $oy) (i32.const 1)))
      (br $loy))))
)
