;; Brute-force range scan over packed 256-bit codes (4 x i64 each, little-endian words as the
;; index stores them) in a shared memory that holds a segment's codes from byte 0.
;; scan(from, to, q0..q3, r) = the first slot s in [from, to) whose Hamming distance to the
;; query is <= r, or `to` if there is none. The caller resumes at s + 1 after each hit.
(module
  (import "env" "codes" (memory 1 65536 shared))
  (func (export "scan") (param $s i32) (param $end i32)
        (param $q0 i64) (param $q1 i64) (param $q2 i64) (param $q3 i64) (param $r i64) (result i32)
    (local $p i32)
    (local.set $p (i32.shl (local.get $s) (i32.const 5)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $s) (local.get $end)))
        (br_if $done (i64.le_u
          (i64.add
            (i64.add (i64.popcnt (i64.xor (i64.load (local.get $p)) (local.get $q0)))
                     (i64.popcnt (i64.xor (i64.load offset=8 (local.get $p)) (local.get $q1))))
            (i64.add (i64.popcnt (i64.xor (i64.load offset=16 (local.get $p)) (local.get $q2)))
                     (i64.popcnt (i64.xor (i64.load offset=24 (local.get $p)) (local.get $q3)))))
          (local.get $r)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (local.set $p (i32.add (local.get $p) (i32.const 32)))
        (br $next)))
    (local.get $s)))
