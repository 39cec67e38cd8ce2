;; The robust stage's work luma (signature.ts downscaledLuma, its every-pixel case): luma of interleaved 8-bit
;; pixels (3 or 4 channels), box-averaged by an integer factor f. The same float64 operations in the same order as
;; the TypeScript loop, so the same float32 values and the same region hashes (luma.test.ts compares them):
;;   v = 0.299 R + 0.587 G + 0.114 B, per block row s = ((0 + v0) + v1) + ..., acc = ((0 + s_row0) + s_row1) + ...,
;;   out = f32(acc / count). The last block of a row or column may be narrower (the region's remainder).
(module
  (memory (export "memory") 1)

  ;; $src: the region's first pixel; $stride: bytes per image row; $rw×$rh: the region; $ow×$oh: the output
  ;; (ceil of the region / f); $dst: f32 output; $acc: f64 scratch ($ow).
  (func (export "blockLuma") (param $src i32) (param $stride i32) (param $ch i32) (param $rw i32) (param $rh i32)
      (param $f i32) (param $ow i32) (param $oh i32) (param $dst i32) (param $acc i32)
    (local $oy i32) (local $y i32) (local $yEnd i32) (local $p i32) (local $a i32)
    (local $ox i32) (local $k i32) (local $full i32) (local $last i32) (local $s f64) (local $rows i32) (local $n i32)
    (local.set $full (i32.div_u (local.get $rw) (local.get $f)))
    (local.set $last (i32.sub (local.get $rw) (i32.mul (local.get $full) (local.get $f))))
    (block $eoy (loop $loy
      (br_if $eoy (i32.ge_u (local.get $oy) (local.get $oh)))
      (memory.fill (local.get $acc) (i32.const 0) (i32.shl (local.get $ow) (i32.const 3)))
      (local.set $y (i32.mul (local.get $oy) (local.get $f)))
      (local.set $yEnd (i32.add (local.get $y) (local.get $f)))
      (if (i32.gt_u (local.get $yEnd) (local.get $rh)) (then (local.set $yEnd (local.get $rh))))
      (local.set $rows (i32.sub (local.get $yEnd) (local.get $y)))
      (block $ey (loop $ly
        (br_if $ey (i32.ge_u (local.get $y) (local.get $yEnd)))
        ;; the row's block sums (each pixel's luma as it is read), added to the blocks' accumulators
        (local.set $p (i32.add (local.get $src) (i32.mul (local.get $y) (local.get $stride))))
        (local.set $a (local.get $acc))
        (local.set $ox (i32.const 0))
        (block $eb (loop $lb
          (br_if $eb (i32.ge_u (local.get $ox) (local.get $ow)))
          (local.set $n (select (local.get $f) (local.get $last) (i32.lt_u (local.get $ox) (local.get $full))))
          (local.set $s (f64.const 0))
          (local.set $k (i32.const 0))
          (block $ek (loop $lk
            (br_if $ek (i32.ge_u (local.get $k) (local.get $n)))
            (local.set $s (f64.add (local.get $s) (f64.add (f64.add
              (f64.mul (f64.const 0.299) (f64.convert_i32_u (i32.load8_u (local.get $p))))
              (f64.mul (f64.const 0.587) (f64.convert_i32_u (i32.load8_u offset=1 (local.get $p)))))
              (f64.mul (f64.const 0.114) (f64.convert_i32_u (i32.load8_u offset=2 (local.get $p)))))))
            (local.set $p (i32.add (local.get $p) (local.get $ch)))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $lk)))
          (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (local.get $s)))
          (local.set $a (i32.add (local.get $a) (i32.const 8)))
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
        (f32.store (local.get $dst) (f32.demote_f64 (f64.div (f64.load (local.get $a)) (f64.convert_i32_u (local.get $n)))))
        (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
        (local.set $a (i32.add (local.get $a) (i32.const 8)))
        (local.set $ox (i32.add (local.get $ox) (i32.const 1)))
        (br $lo)))
      (local.set $oy (i32.add (local.get $oy) (i32.const 1)))
      (br $loy))))
)
