(module
 (type $0 (func))
 (global $d.batch (mut i32) (i32.const 0))
 (global $forward.s0 (mut i32) (i32.const 0))
 (global $forward.s1 (mut i32) (i32.const 0))
 (global $forward.s2 (mut i32) (i32.const 0))
 (global $forward.s3 (mut i32) (i32.const 0))
 (global $forward.s4 (mut i32) (i32.const 0))
 (global $forward.s5 (mut i32) (i32.const 0))
 (global $forward.s6 (mut i32) (i32.const 0))
 (memory $0 1 65536)
 (export "memory" (memory $0))
 (export "d.batch" (global $d.batch))
 (export "forward.s0" (global $forward.s0))
 (export "forward.s1" (global $forward.s1))
 (export "forward.s2" (global $forward.s2))
 (export "forward.s3" (global $forward.s3))
 (export "forward.s4" (global $forward.s4))
 (export "forward.s5" (global $forward.s5))
 (export "forward.s6" (global $forward.s6))
 (export "forward" (func $forward))
 (func $forward.k0_relu
  (local $0 i32)
  (local $1 i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local $6 i32)
  (local $7 i32)
  (local $8 i32)
  (local $9 i32)
  (local $10 i32)
  (local $11 v128)
  (local $12 i32)
  (local $13 v128)
  (local $14 f32)
  (local $15 i32)
  (local $16 i32)
  (local $17 v128)
  (local $18 v128)
  (local $19 v128)
  (local $20 f32)
  (local $21 i32)
  (local $22 i32)
  (local $23 v128)
  (local $24 v128)
  (local $25 v128)
  (local $26 v128)
  (local $27 v128)
  (local $28 v128)
  (local $29 v128)
  (local $30 v128)
  (local $31 f32)
  (local $32 f32)
  (local $33 f32)
  (local $34 i32)
  (local $35 i32)
  (local $36 i32)
  (local $37 f32)
  (local $38 f32)
  (local $39 f32)
  (local $40 f32)
  (local $41 f32)
  (local $42 f32)
  (local $43 f32)
  (local $44 f32)
  (local $45 i32)
  (local $46 i32)
  (local.set $21
   (i32.const 8)
  )
  (local.set $45
   (block (result i32)
    (local.set $8
     (i32.const 4)
    )
    (i32.const 1)
   )
  )
  (local.set $34
   (global.get $forward.s0)
  )
  (local.set $15
   (global.get $forward.s1)
  )
  (local.set $35
   (local.tee $46
    (i32.div_s
     (local.tee $10
      (global.get $d.batch)
     )
     (i32.const 2)
    )
   )
  )
  (loop $l6
   (if
    (i32.eqz
     (i32.ge_s
      (local.get $4)
      (local.get $35)
     )
    )
    (then
     (local.set $16
      (i32.shl
       (local.get $4)
       (i32.const 1)
      )
     )
     (local.set $36
      (i32.shr_u
       (i32.add
        (local.get $21)
        (i32.const 3)
       )
       (i32.const 2)
      )
     )
     (local.set $12
      (i32.const 0)
     )
     (loop $l5
      (if
       (i32.eqz
        (i32.ge_s
         (local.get $12)
         (local.get $36)
        )
       )
       (then
        (local.set $22
         (i32.add
          (local.get $34)
          (i32.shl
           (i32.mul
            (local.get $8)
            (local.get $16)
           )
           (i32.const 2)
          )
         )
        )
        (local.set $5
         (i32.add
          (local.get $34)
          (i32.shl
           (i32.mul
            (i32.add
             (local.get $16)
             (i32.const 1)
            )
            (local.get $8)
           )
           (i32.const 2)
          )
         )
        )
        (local.set $1
         (i32.add
          (local.get $15)
          (i32.shl
           (i32.mul
            (select
             (local.tee $7
              (i32.shl
               (local.get $12)
               (i32.const 2)
              )
             )
             (local.tee $0
              (i32.sub
               (local.get $21)
               (i32.const 1)
              )
             )
             (i32.gt_s
              (local.get $0)
              (local.get $7)
             )
            )
            (local.get $8)
           )
           (i32.const 2)
          )
         )
        )
        (local.set $9
         (i32.add
          (local.get $15)
          (i32.shl
           (i32.mul
            (select
             (local.tee $2
              (i32.add
               (local.get $7)
               (i32.const 1)
              )
             )
             (local.get $0)
             (i32.gt_s
              (local.get $0)
              (local.get $2)
             )
            )
            (local.get $8)
           )
           (i32.const 2)
          )
         )
        )
        (local.set $6
         (i32.add
          (local.get $15)
          (i32.shl
           (i32.mul
            (select
             (local.tee $2
              (i32.add
               (local.get $7)
               (i32.const 2)
              )
             )
             (local.get $0)
             (i32.gt_s
              (local.get $0)
              (local.get $2)
             )
            )
            (local.get $8)
           )
           (i32.const 2)
          )
         )
        )
        (local.set $3
         (i32.add
          (local.get $15)
          (i32.shl
           (i32.mul
            (select
             (local.tee $2
              (i32.add
               (local.get $7)
               (i32.const 3)
              )
             )
             (local.get $0)
             (i32.gt_s
              (local.get $0)
              (local.get $2)
             )
            )
            (local.get $8)
           )
           (i32.const 2)
          )
         )
        )
        (local.set $23
         (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
        )
        (local.set $24
         (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
        )
        (local.set $25
         (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
        )
        (local.set $26
         (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
        )
        (local.set $27
         (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
        )
        (local.set $28
         (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
        )
        (local.set $29
         (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
        )
        (local.set $30
         (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
        )
        (local.set $0
         (i32.const 0)
        )
        (loop $l0
         (if
          (i32.eqz
           (i32.ge_s
            (local.get $0)
            (local.get $45)
           )
          )
          (then
           (local.set $23
            (f32x4.add
             (f32x4.mul
              (local.tee $13
               (v128.load align=4
                (local.get $22)
               )
              )
              (local.tee $17
               (v128.load align=4
                (local.get $1)
               )
              )
             )
             (local.get $23)
            )
           )
           (local.set $24
            (f32x4.add
             (f32x4.mul
              (local.get $13)
              (local.tee $18
               (v128.load align=4
                (local.get $9)
               )
              )
             )
             (local.get $24)
            )
           )
           (local.set $25
            (f32x4.add
             (f32x4.mul
              (local.get $13)
              (local.tee $19
               (v128.load align=4
                (local.get $6)
               )
              )
             )
             (local.get $25)
            )
           )
           (local.set $26
            (f32x4.add
             (f32x4.mul
              (local.get $13)
              (local.tee $13
               (v128.load align=4
                (local.get $3)
               )
              )
             )
             (local.get $26)
            )
           )
           (local.set $27
            (f32x4.add
             (f32x4.mul
              (local.tee $11
               (v128.load align=4
                (local.get $5)
               )
              )
              (local.get $17)
             )
             (local.get $27)
            )
           )
           (local.set $28
            (f32x4.add
             (f32x4.mul
              (local.get $11)
              (local.get $18)
             )
             (local.get $28)
            )
           )
           (local.set $29
            (f32x4.add
             (f32x4.mul
              (local.get $11)
              (local.get $19)
             )
             (local.get $29)
            )
           )
           (local.set $30
            (f32x4.add
             (f32x4.mul
              (local.get $11)
              (local.get $13)
             )
             (local.get $30)
            )
           )
           (local.set $22
            (i32.add
             (local.get $22)
             (i32.const 16)
            )
           )
           (local.set $5
            (i32.add
             (local.get $5)
             (i32.const 16)
            )
           )
           (local.set $1
            (i32.add
             (local.get $1)
             (i32.const 16)
            )
           )
           (local.set $9
            (i32.add
             (local.get $9)
             (i32.const 16)
            )
           )
           (local.set $6
            (i32.add
             (local.get $6)
             (i32.const 16)
            )
           )
           (local.set $3
            (i32.add
             (local.get $3)
             (i32.const 16)
            )
           )
           (local.set $0
            (i32.add
             (local.get $0)
             (i32.const 1)
            )
           )
           (br $l0)
          )
         )
        )
        (local.set $37
         (f32.add
          (f32.add
           (f32x4.extract_lane 0
            (local.get $23)
           )
           (f32x4.extract_lane 1
            (local.get $23)
           )
          )
          (f32.add
           (f32x4.extract_lane 2
            (local.get $23)
           )
           (f32x4.extract_lane 3
            (local.get $23)
           )
          )
         )
        )
        (local.set $38
         (f32.add
          (f32.add
           (f32x4.extract_lane 0
            (local.get $24)
           )
           (f32x4.extract_lane 1
            (local.get $24)
           )
          )
          (f32.add
           (f32x4.extract_lane 2
            (local.get $24)
           )
           (f32x4.extract_lane 3
            (local.get $24)
           )
          )
         )
        )
        (local.set $39
         (f32.add
          (f32.add
           (f32x4.extract_lane 0
            (local.get $25)
           )
           (f32x4.extract_lane 1
            (local.get $25)
           )
          )
          (f32.add
           (f32x4.extract_lane 2
            (local.get $25)
           )
           (f32x4.extract_lane 3
            (local.get $25)
           )
          )
         )
        )
        (local.set $40
         (f32.add
          (f32.add
           (f32x4.extract_lane 0
            (local.get $26)
           )
           (f32x4.extract_lane 1
            (local.get $26)
           )
          )
          (f32.add
           (f32x4.extract_lane 2
            (local.get $26)
           )
           (f32x4.extract_lane 3
            (local.get $26)
           )
          )
         )
        )
        (local.set $41
         (f32.add
          (f32.add
           (f32x4.extract_lane 0
            (local.get $27)
           )
           (f32x4.extract_lane 1
            (local.get $27)
           )
          )
          (f32.add
           (f32x4.extract_lane 2
            (local.get $27)
           )
           (f32x4.extract_lane 3
            (local.get $27)
           )
          )
         )
        )
        (local.set $42
         (f32.add
          (f32.add
           (f32x4.extract_lane 0
            (local.get $28)
           )
           (f32x4.extract_lane 1
            (local.get $28)
           )
          )
          (f32.add
           (f32x4.extract_lane 2
            (local.get $28)
           )
           (f32x4.extract_lane 3
            (local.get $28)
           )
          )
         )
        )
        (local.set $43
         (f32.add
          (f32.add
           (f32x4.extract_lane 0
            (local.get $29)
           )
           (f32x4.extract_lane 1
            (local.get $29)
           )
          )
          (f32.add
           (f32x4.extract_lane 2
            (local.get $29)
           )
           (f32x4.extract_lane 3
            (local.get $29)
           )
          )
         )
        )
        (local.set $44
         (f32.add
          (f32.add
           (f32x4.extract_lane 0
            (local.get $30)
           )
           (f32x4.extract_lane 1
            (local.get $30)
           )
          )
          (f32.add
           (f32x4.extract_lane 2
            (local.get $30)
           )
           (f32x4.extract_lane 3
            (local.get $30)
           )
          )
         )
        )
        (local.set $0
         (i32.and
          (local.get $8)
          (i32.const 3)
         )
        )
        (local.set $2
         (i32.const 0)
        )
        (loop $l1
         (if
          (i32.eqz
           (i32.le_s
            (local.get $0)
            (local.get $2)
           )
          )
          (then
           (local.set $37
            (f32.add
             (local.get $37)
             (f32.mul
              (local.tee $14
               (f32.load
                (local.get $22)
               )
              )
              (local.tee $31
               (f32.load
                (local.get $1)
               )
              )
             )
            )
           )
           (local.set $38
            (f32.add
             (local.get $38)
             (f32.mul
              (local.get $14)
              (local.tee $32
               (f32.load
                (local.get $9)
               )
              )
             )
            )
           )
           (local.set $39
            (f32.add
             (local.get $39)
             (f32.mul
              (local.get $14)
              (local.tee $33
               (f32.load
                (local.get $6)
               )
              )
             )
            )
           )
           (local.set $40
            (f32.add
             (local.get $40)
             (f32.mul
              (local.get $14)
              (local.tee $14
               (f32.load
                (local.get $3)
               )
              )
             )
            )
           )
           (local.set $41
            (f32.add
             (local.get $41)
             (f32.mul
              (local.tee $20
               (f32.load
                (local.get $5)
               )
              )
              (local.get $31)
             )
            )
           )
           (local.set $42
            (f32.add
             (local.get $42)
             (f32.mul
              (local.get $20)
              (local.get $32)
             )
            )
           )
           (local.set $43
            (f32.add
             (local.get $43)
             (f32.mul
              (local.get $20)
              (local.get $33)
             )
            )
           )
           (local.set $44
            (f32.add
             (local.get $44)
             (f32.mul
              (local.get $20)
              (local.get $14)
             )
            )
           )
           (local.set $22
            (i32.add
             (local.get $22)
             (i32.const 4)
            )
           )
           (local.set $5
            (i32.add
             (local.get $5)
             (i32.const 4)
            )
           )
           (local.set $1
            (i32.add
             (local.get $1)
             (i32.const 4)
            )
           )
           (local.set $9
            (i32.add
             (local.get $9)
             (i32.const 4)
            )
           )
           (local.set $6
            (i32.add
             (local.get $6)
             (i32.const 4)
            )
           )
           (local.set $3
            (i32.add
             (local.get $3)
             (i32.const 4)
            )
           )
           (local.set $2
            (i32.add
             (local.get $2)
             (i32.const 1)
            )
           )
           (br $l1)
          )
         )
        )
        (f32.store
         (i32.const 0)
         (local.get $37)
        )
        (f32.store
         (i32.const 4)
         (local.get $38)
        )
        (f32.store
         (i32.const 8)
         (local.get $39)
        )
        (f32.store
         (i32.const 12)
         (local.get $40)
        )
        (f32.store
         (i32.const 32)
         (local.get $41)
        )
        (f32.store
         (i32.const 36)
         (local.get $42)
        )
        (f32.store
         (i32.const 40)
         (local.get $43)
        )
        (f32.store
         (i32.const 44)
         (local.get $44)
        )
        (local.set $2
         (select
          (i32.const 4)
          (local.tee $0
           (i32.sub
            (local.get $21)
            (local.get $7)
           )
          )
          (i32.ge_s
           (local.get $0)
           (i32.const 4)
          )
         )
        )
        (local.set $6
         (i32.const 2)
        )
        (local.set $1
         (i32.const 0)
        )
        (loop $l4
         (if
          (i32.eqz
           (i32.ge_s
            (local.get $1)
            (local.get $6)
           )
          )
          (then
           (local.set $9
            (i32.add
             (local.get $1)
             (local.get $16)
            )
           )
           (local.set $0
            (local.get $2)
           )
           (local.set $5
            (i32.const 0)
           )
           (loop $l2
            (if
             (i32.eqz
              (i32.ge_s
               (i32.add
                (local.get $5)
                (i32.const 3)
               )
               (local.get $0)
              )
             )
             (then
              (v128.store align=4
               (i32.add
                (global.get $forward.s5)
                (i32.shl
                 (i32.add
                  (local.tee $3
                   (i32.add
                    (local.get $5)
                    (local.get $7)
                   )
                  )
                  (i32.shl
                   (local.get $9)
                   (i32.const 3)
                  )
                 )
                 (i32.const 2)
                )
               )
               (f32x4.max
                (f32x4.add
                 (v128.load align=4
                  (i32.shl
                   (i32.add
                    (i32.shl
                     (local.get $1)
                     (i32.const 3)
                    )
                    (local.get $5)
                   )
                   (i32.const 2)
                  )
                 )
                 (v128.load align=4
                  (i32.add
                   (global.get $forward.s2)
                   (i32.shl
                    (local.get $3)
                    (i32.const 2)
                   )
                  )
                 )
                )
                (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
               )
              )
              (local.set $5
               (i32.add
                (local.get $5)
                (i32.const 4)
               )
              )
              (br $l2)
             )
            )
           )
           (loop $l3
            (if
             (i32.eqz
              (i32.le_s
               (local.get $0)
               (local.get $5)
              )
             )
             (then
              (f32.store
               (i32.add
                (global.get $forward.s5)
                (i32.shl
                 (i32.add
                  (local.tee $3
                   (i32.add
                    (local.get $5)
                    (local.get $7)
                   )
                  )
                  (i32.shl
                   (local.get $9)
                   (i32.const 3)
                  )
                 )
                 (i32.const 2)
                )
               )
               (f32.demote_f64
                (f64.max
                 (f64.promote_f32
                  (f32.demote_f64
                   (f64.add
                    (f64.promote_f32
                     (f32.demote_f64
                      (f64.promote_f32
                       (f32.load
                        (i32.shl
                         (i32.add
                          (i32.shl
                           (local.get $1)
                           (i32.const 3)
                          )
                          (local.get $5)
                         )
                         (i32.const 2)
                        )
                       )
                      )
                     )
                    )
                    (f64.promote_f32
                     (f32.load
                      (i32.add
                       (global.get $forward.s2)
                       (i32.shl
                        (local.get $3)
                        (i32.const 2)
                       )
                      )
                     )
                    )
                   )
                  )
                 )
                 (f64.const 0)
                )
               )
              )
              (local.set $5
               (i32.add
                (local.get $5)
                (i32.const 1)
               )
              )
              (br $l3)
             )
            )
           )
           (local.set $1
            (i32.add
             (local.get $1)
             (i32.const 1)
            )
           )
           (br $l4)
          )
         )
        )
        (local.set $12
         (i32.add
          (local.get $12)
          (i32.const 1)
         )
        )
        (br $l5)
       )
      )
     )
     (local.set $4
      (i32.add
       (local.get $4)
       (i32.const 1)
      )
     )
     (br $l6)
    )
   )
  )
  (local.set $35
   (i32.sub
    (local.get $10)
    (i32.shl
     (local.get $46)
     (i32.const 1)
    )
   )
  )
  (local.set $12
   (i32.const 0)
  )
  (loop $l13
   (if
    (i32.eqz
     (i32.ge_s
      (local.get $12)
      (local.get $35)
     )
    )
    (then
     (local.set $9
      (i32.add
       (i32.shl
        (local.get $46)
        (i32.const 1)
       )
       (local.get $12)
      )
     )
     (local.set $36
      (i32.shr_u
       (i32.add
        (local.get $21)
        (i32.const 3)
       )
       (i32.const 2)
      )
     )
     (local.set $16
      (i32.const 0)
     )
     (loop $l12
      (if
       (i32.eqz
        (i32.ge_s
         (local.get $16)
         (local.get $36)
        )
       )
       (then
        (local.set $1
         (i32.add
          (local.get $34)
          (i32.shl
           (i32.mul
            (local.get $8)
            (local.get $9)
           )
           (i32.const 2)
          )
         )
        )
        (local.set $4
         (i32.add
          (local.get $15)
          (i32.shl
           (i32.mul
            (select
             (local.tee $7
              (i32.shl
               (local.get $16)
               (i32.const 2)
              )
             )
             (local.tee $0
              (i32.sub
               (local.get $21)
               (i32.const 1)
              )
             )
             (i32.gt_s
              (local.get $0)
              (local.get $7)
             )
            )
            (local.get $8)
           )
           (i32.const 2)
          )
         )
        )
        (local.set $10
         (i32.add
          (local.get $15)
          (i32.shl
           (i32.mul
            (select
             (local.tee $2
              (i32.add
               (local.get $7)
               (i32.const 1)
              )
             )
             (local.get $0)
             (i32.gt_s
              (local.get $0)
              (local.get $2)
             )
            )
            (local.get $8)
           )
           (i32.const 2)
          )
         )
        )
        (local.set $6
         (i32.add
          (local.get $15)
          (i32.shl
           (i32.mul
            (select
             (local.tee $2
              (i32.add
               (local.get $7)
               (i32.const 2)
              )
             )
             (local.get $0)
             (i32.gt_s
              (local.get $0)
              (local.get $2)
             )
            )
            (local.get $8)
           )
           (i32.const 2)
          )
         )
        )
        (local.set $3
         (i32.add
          (local.get $15)
          (i32.shl
           (i32.mul
            (select
             (local.tee $2
              (i32.add
               (local.get $7)
               (i32.const 3)
              )
             )
             (local.get $0)
             (i32.gt_s
              (local.get $0)
              (local.get $2)
             )
            )
            (local.get $8)
           )
           (i32.const 2)
          )
         )
        )
        (local.set $11
         (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
        )
        (local.set $17
         (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
        )
        (local.set $18
         (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
        )
        (local.set $19
         (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
        )
        (local.set $0
         (i32.const 0)
        )
        (loop $l7
         (if
          (i32.eqz
           (i32.ge_s
            (local.get $0)
            (local.get $45)
           )
          )
          (then
           (local.set $11
            (f32x4.add
             (f32x4.mul
              (local.tee $13
               (v128.load align=4
                (local.get $1)
               )
              )
              (v128.load align=4
               (local.get $4)
              )
             )
             (local.get $11)
            )
           )
           (local.set $17
            (f32x4.add
             (f32x4.mul
              (local.get $13)
              (v128.load align=4
               (local.get $10)
              )
             )
             (local.get $17)
            )
           )
           (local.set $18
            (f32x4.add
             (f32x4.mul
              (local.get $13)
              (v128.load align=4
               (local.get $6)
              )
             )
             (local.get $18)
            )
           )
           (local.set $19
            (f32x4.add
             (f32x4.mul
              (local.get $13)
              (v128.load align=4
               (local.get $3)
              )
             )
             (local.get $19)
            )
           )
           (local.set $1
            (i32.add
             (local.get $1)
             (i32.const 16)
            )
           )
           (local.set $4
            (i32.add
             (local.get $4)
             (i32.const 16)
            )
           )
           (local.set $10
            (i32.add
             (local.get $10)
             (i32.const 16)
            )
           )
           (local.set $6
            (i32.add
             (local.get $6)
             (i32.const 16)
            )
           )
           (local.set $3
            (i32.add
             (local.get $3)
             (i32.const 16)
            )
           )
           (local.set $0
            (i32.add
             (local.get $0)
             (i32.const 1)
            )
           )
           (br $l7)
          )
         )
        )
        (local.set $20
         (f32.add
          (f32.add
           (f32x4.extract_lane 0
            (local.get $11)
           )
           (f32x4.extract_lane 1
            (local.get $11)
           )
          )
          (f32.add
           (f32x4.extract_lane 2
            (local.get $11)
           )
           (f32x4.extract_lane 3
            (local.get $11)
           )
          )
         )
        )
        (local.set $31
         (f32.add
          (f32.add
           (f32x4.extract_lane 0
            (local.get $17)
           )
           (f32x4.extract_lane 1
            (local.get $17)
           )
          )
          (f32.add
           (f32x4.extract_lane 2
            (local.get $17)
           )
           (f32x4.extract_lane 3
            (local.get $17)
           )
          )
         )
        )
        (local.set $32
         (f32.add
          (f32.add
           (f32x4.extract_lane 0
            (local.get $18)
           )
           (f32x4.extract_lane 1
            (local.get $18)
           )
          )
          (f32.add
           (f32x4.extract_lane 2
            (local.get $18)
           )
           (f32x4.extract_lane 3
            (local.get $18)
           )
          )
         )
        )
        (local.set $33
         (f32.add
          (f32.add
           (f32x4.extract_lane 0
            (local.get $19)
           )
           (f32x4.extract_lane 1
            (local.get $19)
           )
          )
          (f32.add
           (f32x4.extract_lane 2
            (local.get $19)
           )
           (f32x4.extract_lane 3
            (local.get $19)
           )
          )
         )
        )
        (local.set $0
         (i32.and
          (local.get $8)
          (i32.const 3)
         )
        )
        (local.set $2
         (i32.const 0)
        )
        (loop $l8
         (if
          (i32.eqz
           (i32.le_s
            (local.get $0)
            (local.get $2)
           )
          )
          (then
           (local.set $20
            (f32.add
             (local.get $20)
             (f32.mul
              (local.tee $14
               (f32.load
                (local.get $1)
               )
              )
              (f32.load
               (local.get $4)
              )
             )
            )
           )
           (local.set $31
            (f32.add
             (local.get $31)
             (f32.mul
              (local.get $14)
              (f32.load
               (local.get $10)
              )
             )
            )
           )
           (local.set $32
            (f32.add
             (local.get $32)
             (f32.mul
              (local.get $14)
              (f32.load
               (local.get $6)
              )
             )
            )
           )
           (local.set $33
            (f32.add
             (local.get $33)
             (f32.mul
              (local.get $14)
              (f32.load
               (local.get $3)
              )
             )
            )
           )
           (local.set $1
            (i32.add
             (local.get $1)
             (i32.const 4)
            )
           )
           (local.set $4
            (i32.add
             (local.get $4)
             (i32.const 4)
            )
           )
           (local.set $10
            (i32.add
             (local.get $10)
             (i32.const 4)
            )
           )
           (local.set $6
            (i32.add
             (local.get $6)
             (i32.const 4)
            )
           )
           (local.set $3
            (i32.add
             (local.get $3)
             (i32.const 4)
            )
           )
           (local.set $2
            (i32.add
             (local.get $2)
             (i32.const 1)
            )
           )
           (br $l8)
          )
         )
        )
        (f32.store
         (i32.const 0)
         (local.get $20)
        )
        (f32.store
         (i32.const 4)
         (local.get $31)
        )
        (f32.store
         (i32.const 8)
         (local.get $32)
        )
        (f32.store
         (i32.const 12)
         (local.get $33)
        )
        (local.set $2
         (select
          (i32.const 4)
          (local.tee $0
           (i32.sub
            (local.get $21)
            (local.get $7)
           )
          )
          (i32.ge_s
           (local.get $0)
           (i32.const 4)
          )
         )
        )
        (local.set $6
         (i32.const 1)
        )
        (local.set $4
         (i32.const 0)
        )
        (loop $l11
         (if
          (i32.eqz
           (i32.ge_s
            (local.get $4)
            (local.get $6)
           )
          )
          (then
           (local.set $10
            (i32.add
             (local.get $4)
             (local.get $9)
            )
           )
           (local.set $0
            (local.get $2)
           )
           (local.set $1
            (i32.const 0)
           )
           (loop $l9
            (if
             (i32.eqz
              (i32.ge_s
               (i32.add
                (local.get $1)
                (i32.const 3)
               )
               (local.get $0)
              )
             )
             (then
              (v128.store align=4
               (i32.add
                (global.get $forward.s5)
                (i32.shl
                 (i32.add
                  (local.tee $3
                   (i32.add
                    (local.get $1)
                    (local.get $7)
                   )
                  )
                  (i32.shl
                   (local.get $10)
                   (i32.const 3)
                  )
                 )
                 (i32.const 2)
                )
               )
               (f32x4.max
                (f32x4.add
                 (v128.load align=4
                  (i32.shl
                   (i32.add
                    (i32.shl
                     (local.get $4)
                     (i32.const 3)
                    )
                    (local.get $1)
                   )
                   (i32.const 2)
                  )
                 )
                 (v128.load align=4
                  (i32.add
                   (global.get $forward.s2)
                   (i32.shl
                    (local.get $3)
                    (i32.const 2)
                   )
                  )
                 )
                )
                (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
               )
              )
              (local.set $1
               (i32.add
                (local.get $1)
                (i32.const 4)
               )
              )
              (br $l9)
             )
            )
           )
           (loop $l10
            (if
             (i32.eqz
              (i32.le_s
               (local.get $0)
               (local.get $1)
              )
             )
             (then
              (f32.store
               (i32.add
                (global.get $forward.s5)
                (i32.shl
                 (i32.add
                  (local.tee $3
                   (i32.add
                    (local.get $1)
                    (local.get $7)
                   )
                  )
                  (i32.shl
                   (local.get $10)
                   (i32.const 3)
                  )
                 )
                 (i32.const 2)
                )
               )
               (f32.demote_f64
                (f64.max
                 (f64.promote_f32
                  (f32.demote_f64
                   (f64.add
                    (f64.promote_f32
                     (f32.demote_f64
                      (f64.promote_f32
                       (f32.load
                        (i32.shl
                         (i32.add
                          (i32.shl
                           (local.get $4)
                           (i32.const 3)
                          )
                          (local.get $1)
                         )
                         (i32.const 2)
                        )
                       )
                      )
                     )
                    )
                    (f64.promote_f32
                     (f32.load
                      (i32.add
                       (global.get $forward.s2)
                       (i32.shl
                        (local.get $3)
                        (i32.const 2)
                       )
                      )
                     )
                    )
                   )
                  )
                 )
                 (f64.const 0)
                )
               )
              )
              (local.set $1
               (i32.add
                (local.get $1)
                (i32.const 1)
               )
              )
              (br $l10)
             )
            )
           )
           (local.set $4
            (i32.add
             (local.get $4)
             (i32.const 1)
            )
           )
           (br $l11)
          )
         )
        )
        (local.set $16
         (i32.add
          (local.get $16)
          (i32.const 1)
         )
        )
        (br $l12)
       )
      )
     )
     (local.set $12
      (i32.add
       (local.get $12)
       (i32.const 1)
      )
     )
     (br $l13)
    )
   )
  )
 )
 (func $forward.k1_add
  (local $0 i32)
  (local $1 i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local $6 i32)
  (local $7 i32)
  (local $8 i32)
  (local $9 i32)
  (local $10 i32)
  (local $11 v128)
  (local $12 i32)
  (local $13 v128)
  (local $14 f32)
  (local $15 i32)
  (local $16 i32)
  (local $17 v128)
  (local $18 v128)
  (local $19 v128)
  (local $20 f32)
  (local $21 i32)
  (local $22 i32)
  (local $23 v128)
  (local $24 v128)
  (local $25 v128)
  (local $26 v128)
  (local $27 v128)
  (local $28 v128)
  (local $29 v128)
  (local $30 v128)
  (local $31 f32)
  (local $32 f32)
  (local $33 f32)
  (local $34 i32)
  (local $35 i32)
  (local $36 i32)
  (local $37 f32)
  (local $38 f32)
  (local $39 f32)
  (local $40 f32)
  (local $41 f32)
  (local $42 f32)
  (local $43 f32)
  (local $44 f32)
  (local $45 i32)
  (local $46 i32)
  (local.set $21
   (i32.const 3)
  )
  (local.set $45
   (block (result i32)
    (local.set $8
     (i32.const 8)
    )
    (i32.const 2)
   )
  )
  (local.set $34
   (global.get $forward.s5)
  )
  (local.set $15
   (global.get $forward.s3)
  )
  (local.set $35
   (local.tee $46
    (i32.div_s
     (local.tee $10
      (global.get $d.batch)
     )
     (i32.const 2)
    )
   )
  )
  (loop $l6
   (if
    (i32.eqz
     (i32.ge_s
      (local.get $4)
      (local.get $35)
     )
    )
    (then
     (local.set $16
      (i32.shl
       (local.get $4)
       (i32.const 1)
      )
     )
     (local.set $36
      (i32.shr_u
       (i32.add
        (local.get $21)
        (i32.const 3)
       )
       (i32.const 2)
      )
     )
     (local.set $12
      (i32.const 0)
     )
     (loop $l5
      (if
       (i32.eqz
        (i32.ge_s
         (local.get $12)
         (local.get $36)
        )
       )
       (then
        (local.set $22
         (i32.add
          (local.get $34)
          (i32.shl
           (i32.mul
            (local.get $8)
            (local.get $16)
           )
           (i32.const 2)
          )
         )
        )
        (local.set $5
         (i32.add
          (local.get $34)
          (i32.shl
           (i32.mul
            (i32.add
             (local.get $16)
             (i32.const 1)
            )
            (local.get $8)
           )
           (i32.const 2)
          )
         )
        )
        (local.set $1
         (i32.add
          (local.get $15)
          (i32.shl
           (i32.mul
            (select
             (local.tee $7
              (i32.shl
               (local.get $12)
               (i32.const 2)
              )
             )
             (local.tee $0
              (i32.sub
               (local.get $21)
               (i32.const 1)
              )
             )
             (i32.gt_s
              (local.get $0)
              (local.get $7)
             )
            )
            (local.get $8)
           )
           (i32.const 2)
          )
         )
        )
        (local.set $9
         (i32.add
          (local.get $15)
          (i32.shl
           (i32.mul
            (select
             (local.tee $2
              (i32.add
               (local.get $7)
               (i32.const 1)
              )
             )
             (local.get $0)
             (i32.gt_s
              (local.get $0)
              (local.get $2)
             )
            )
            (local.get $8)
           )
           (i32.const 2)
          )
         )
        )
        (local.set $6
         (i32.add
          (local.get $15)
          (i32.shl
           (i32.mul
            (select
             (local.tee $2
              (i32.add
               (local.get $7)
               (i32.const 2)
              )
             )
             (local.get $0)
             (i32.gt_s
              (local.get $0)
              (local.get $2)
             )
            )
            (local.get $8)
           )
           (i32.const 2)
          )
         )
        )
        (local.set $3
         (i32.add
          (local.get $15)
          (i32.shl
           (i32.mul
            (select
             (local.tee $2
              (i32.add
               (local.get $7)
               (i32.const 3)
              )
             )
             (local.get $0)
             (i32.gt_s
              (local.get $0)
              (local.get $2)
             )
            )
            (local.get $8)
           )
           (i32.const 2)
          )
         )
        )
        (local.set $23
         (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
        )
        (local.set $24
         (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
        )
        (local.set $25
         (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
        )
        (local.set $26
         (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
        )
        (local.set $27
         (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
        )
        (local.set $28
         (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
        )
        (local.set $29
         (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
        )
        (local.set $30
         (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
        )
        (local.set $0
         (i32.const 0)
        )
        (loop $l0
         (if
          (i32.eqz
           (i32.ge_s
            (local.get $0)
            (local.get $45)
           )
          )
          (then
           (local.set $23
            (f32x4.add
             (f32x4.mul
              (local.tee $13
               (v128.load align=4
                (local.get $22)
               )
              )
              (local.tee $17
               (v128.load align=4
                (local.get $1)
               )
              )
             )
             (local.get $23)
            )
           )
           (local.set $24
            (f32x4.add
             (f32x4.mul
              (local.get $13)
              (local.tee $18
               (v128.load align=4
                (local.get $9)
               )
              )
             )
             (local.get $24)
            )
           )
           (local.set $25
            (f32x4.add
             (f32x4.mul
              (local.get $13)
              (local.tee $19
               (v128.load align=4
                (local.get $6)
               )
              )
             )
             (local.get $25)
            )
           )
           (local.set $26
            (f32x4.add
             (f32x4.mul
              (local.get $13)
              (local.tee $13
               (v128.load align=4
                (local.get $3)
               )
              )
             )
             (local.get $26)
            )
           )
           (local.set $27
            (f32x4.add
             (f32x4.mul
              (local.tee $11
               (v128.load align=4
                (local.get $5)
               )
              )
              (local.get $17)
             )
             (local.get $27)
            )
           )
           (local.set $28
            (f32x4.add
             (f32x4.mul
              (local.get $11)
              (local.get $18)
             )
             (local.get $28)
            )
           )
           (local.set $29
            (f32x4.add
             (f32x4.mul
              (local.get $11)
              (local.get $19)
             )
             (local.get $29)
            )
           )
           (local.set $30
            (f32x4.add
             (f32x4.mul
              (local.get $11)
              (local.get $13)
             )
             (local.get $30)
            )
           )
           (local.set $22
            (i32.add
             (local.get $22)
             (i32.const 16)
            )
           )
           (local.set $5
            (i32.add
             (local.get $5)
             (i32.const 16)
            )
           )
           (local.set $1
            (i32.add
             (local.get $1)
             (i32.const 16)
            )
           )
           (local.set $9
            (i32.add
             (local.get $9)
             (i32.const 16)
            )
           )
           (local.set $6
            (i32.add
             (local.get $6)
             (i32.const 16)
            )
           )
           (local.set $3
            (i32.add
             (local.get $3)
             (i32.const 16)
            )
           )
           (local.set $0
            (i32.add
             (local.get $0)
             (i32.const 1)
            )
           )
           (br $l0)
          )
         )
        )
        (local.set $37
         (f32.add
          (f32.add
           (f32x4.extract_lane 0
            (local.get $23)
           )
           (f32x4.extract_lane 1
            (local.get $23)
           )
          )
          (f32.add
           (f32x4.extract_lane 2
            (local.get $23)
           )
           (f32x4.extract_lane 3
            (local.get $23)
           )
          )
         )
        )
        (local.set $38
         (f32.add
          (f32.add
           (f32x4.extract_lane 0
            (local.get $24)
           )
           (f32x4.extract_lane 1
            (local.get $24)
           )
          )
          (f32.add
           (f32x4.extract_lane 2
            (local.get $24)
           )
           (f32x4.extract_lane 3
            (local.get $24)
           )
          )
         )
        )
        (local.set $39
         (f32.add
          (f32.add
           (f32x4.extract_lane 0
            (local.get $25)
           )
           (f32x4.extract_lane 1
            (local.get $25)
           )
          )
          (f32.add
           (f32x4.extract_lane 2
            (local.get $25)
           )
           (f32x4.extract_lane 3
            (local.get $25)
           )
          )
         )
        )
        (local.set $40
         (f32.add
          (f32.add
           (f32x4.extract_lane 0
            (local.get $26)
           )
           (f32x4.extract_lane 1
            (local.get $26)
           )
          )
          (f32.add
           (f32x4.extract_lane 2
            (local.get $26)
           )
           (f32x4.extract_lane 3
            (local.get $26)
           )
          )
         )
        )
        (local.set $41
         (f32.add
          (f32.add
           (f32x4.extract_lane 0
            (local.get $27)
           )
           (f32x4.extract_lane 1
            (local.get $27)
           )
          )
          (f32.add
           (f32x4.extract_lane 2
            (local.get $27)
           )
           (f32x4.extract_lane 3
            (local.get $27)
           )
          )
         )
        )
        (local.set $42
         (f32.add
          (f32.add
           (f32x4.extract_lane 0
            (local.get $28)
           )
           (f32x4.extract_lane 1
            (local.get $28)
           )
          )
          (f32.add
           (f32x4.extract_lane 2
            (local.get $28)
           )
           (f32x4.extract_lane 3
            (local.get $28)
           )
          )
         )
        )
        (local.set $43
         (f32.add
          (f32.add
           (f32x4.extract_lane 0
            (local.get $29)
           )
           (f32x4.extract_lane 1
            (local.get $29)
           )
          )
          (f32.add
           (f32x4.extract_lane 2
            (local.get $29)
           )
           (f32x4.extract_lane 3
            (local.get $29)
           )
          )
         )
        )
        (local.set $44
         (f32.add
          (f32.add
           (f32x4.extract_lane 0
            (local.get $30)
           )
           (f32x4.extract_lane 1
            (local.get $30)
           )
          )
          (f32.add
           (f32x4.extract_lane 2
            (local.get $30)
           )
           (f32x4.extract_lane 3
            (local.get $30)
           )
          )
         )
        )
        (local.set $0
         (i32.and
          (local.get $8)
          (i32.const 3)
         )
        )
        (local.set $2
         (i32.const 0)
        )
        (loop $l1
         (if
          (i32.eqz
           (i32.le_s
            (local.get $0)
            (local.get $2)
           )
          )
          (then
           (local.set $37
            (f32.add
             (local.get $37)
             (f32.mul
              (local.tee $14
               (f32.load
                (local.get $22)
               )
              )
              (local.tee $31
               (f32.load
                (local.get $1)
               )
              )
             )
            )
           )
           (local.set $38
            (f32.add
             (local.get $38)
             (f32.mul
              (local.get $14)
              (local.tee $32
               (f32.load
                (local.get $9)
               )
              )
             )
            )
           )
           (local.set $39
            (f32.add
             (local.get $39)
             (f32.mul
              (local.get $14)
              (local.tee $33
               (f32.load
                (local.get $6)
               )
              )
             )
            )
           )
           (local.set $40
            (f32.add
             (local.get $40)
             (f32.mul
              (local.get $14)
              (local.tee $14
               (f32.load
                (local.get $3)
               )
              )
             )
            )
           )
           (local.set $41
            (f32.add
             (local.get $41)
             (f32.mul
              (local.tee $20
               (f32.load
                (local.get $5)
               )
              )
              (local.get $31)
             )
            )
           )
           (local.set $42
            (f32.add
             (local.get $42)
             (f32.mul
              (local.get $20)
              (local.get $32)
             )
            )
           )
           (local.set $43
            (f32.add
             (local.get $43)
             (f32.mul
              (local.get $20)
              (local.get $33)
             )
            )
           )
           (local.set $44
            (f32.add
             (local.get $44)
             (f32.mul
              (local.get $20)
              (local.get $14)
             )
            )
           )
           (local.set $22
            (i32.add
             (local.get $22)
             (i32.const 4)
            )
           )
           (local.set $5
            (i32.add
             (local.get $5)
             (i32.const 4)
            )
           )
           (local.set $1
            (i32.add
             (local.get $1)
             (i32.const 4)
            )
           )
           (local.set $9
            (i32.add
             (local.get $9)
             (i32.const 4)
            )
           )
           (local.set $6
            (i32.add
             (local.get $6)
             (i32.const 4)
            )
           )
           (local.set $3
            (i32.add
             (local.get $3)
             (i32.const 4)
            )
           )
           (local.set $2
            (i32.add
             (local.get $2)
             (i32.const 1)
            )
           )
           (br $l1)
          )
         )
        )
        (f32.store
         (i32.const 0)
         (local.get $37)
        )
        (f32.store
         (i32.const 4)
         (local.get $38)
        )
        (f32.store
         (i32.const 8)
         (local.get $39)
        )
        (f32.store
         (i32.const 12)
         (local.get $40)
        )
        (f32.store
         (i32.const 32)
         (local.get $41)
        )
        (f32.store
         (i32.const 36)
         (local.get $42)
        )
        (f32.store
         (i32.const 40)
         (local.get $43)
        )
        (f32.store
         (i32.const 44)
         (local.get $44)
        )
        (local.set $2
         (select
          (i32.const 4)
          (local.tee $0
           (i32.sub
            (local.get $21)
            (local.get $7)
           )
          )
          (i32.ge_s
           (local.get $0)
           (i32.const 4)
          )
         )
        )
        (local.set $6
         (i32.const 2)
        )
        (local.set $1
         (i32.const 0)
        )
        (loop $l4
         (if
          (i32.eqz
           (i32.ge_s
            (local.get $1)
            (local.get $6)
           )
          )
          (then
           (local.set $9
            (i32.add
             (local.get $1)
             (local.get $16)
            )
           )
           (local.set $0
            (local.get $2)
           )
           (local.set $5
            (i32.const 0)
           )
           (loop $l2
            (if
             (i32.eqz
              (i32.ge_s
               (i32.add
                (local.get $5)
                (i32.const 3)
               )
               (local.get $0)
              )
             )
             (then
              (v128.store align=4
               (i32.add
                (global.get $forward.s6)
                (i32.shl
                 (i32.add
                  (local.tee $3
                   (i32.add
                    (local.get $5)
                    (local.get $7)
                   )
                  )
                  (i32.mul
                   (local.get $9)
                   (i32.const 3)
                  )
                 )
                 (i32.const 2)
                )
               )
               (f32x4.add
                (v128.load align=4
                 (i32.shl
                  (i32.add
                   (i32.shl
                    (local.get $1)
                    (i32.const 3)
                   )
                   (local.get $5)
                  )
                  (i32.const 2)
                 )
                )
                (v128.load align=4
                 (i32.add
                  (global.get $forward.s4)
                  (i32.shl
                   (local.get $3)
                   (i32.const 2)
                  )
                 )
                )
               )
              )
              (local.set $5
               (i32.add
                (local.get $5)
                (i32.const 4)
               )
              )
              (br $l2)
             )
            )
           )
           (loop $l3
            (if
             (i32.eqz
              (i32.le_s
               (local.get $0)
               (local.get $5)
              )
             )
             (then
              (f32.store
               (i32.add
                (global.get $forward.s6)
                (i32.shl
                 (i32.add
                  (local.tee $3
                   (i32.add
                    (local.get $5)
                    (local.get $7)
                   )
                  )
                  (i32.mul
                   (local.get $9)
                   (i32.const 3)
                  )
                 )
                 (i32.const 2)
                )
               )
               (f32.demote_f64
                (f64.add
                 (f64.promote_f32
                  (f32.demote_f64
                   (f64.promote_f32
                    (f32.load
                     (i32.shl
                      (i32.add
                       (i32.shl
                        (local.get $1)
                        (i32.const 3)
                       )
                       (local.get $5)
                      )
                      (i32.const 2)
                     )
                    )
                   )
                  )
                 )
                 (f64.promote_f32
                  (f32.load
                   (i32.add
                    (global.get $forward.s4)
                    (i32.shl
                     (local.get $3)
                     (i32.const 2)
                    )
                   )
                  )
                 )
                )
               )
              )
              (local.set $5
               (i32.add
                (local.get $5)
                (i32.const 1)
               )
              )
              (br $l3)
             )
            )
           )
           (local.set $1
            (i32.add
             (local.get $1)
             (i32.const 1)
            )
           )
           (br $l4)
          )
         )
        )
        (local.set $12
         (i32.add
          (local.get $12)
          (i32.const 1)
         )
        )
        (br $l5)
       )
      )
     )
     (local.set $4
      (i32.add
       (local.get $4)
       (i32.const 1)
      )
     )
     (br $l6)
    )
   )
  )
  (local.set $35
   (i32.sub
    (local.get $10)
    (i32.shl
     (local.get $46)
     (i32.const 1)
    )
   )
  )
  (local.set $12
   (i32.const 0)
  )
  (loop $l13
   (if
    (i32.eqz
     (i32.ge_s
      (local.get $12)
      (local.get $35)
     )
    )
    (then
     (local.set $9
      (i32.add
       (i32.shl
        (local.get $46)
        (i32.const 1)
       )
       (local.get $12)
      )
     )
     (local.set $36
      (i32.shr_u
       (i32.add
        (local.get $21)
        (i32.const 3)
       )
       (i32.const 2)
      )
     )
     (local.set $16
      (i32.const 0)
     )
     (loop $l12
      (if
       (i32.eqz
        (i32.ge_s
         (local.get $16)
         (local.get $36)
        )
       )
       (then
        (local.set $1
         (i32.add
          (local.get $34)
          (i32.shl
           (i32.mul
            (local.get $8)
            (local.get $9)
           )
           (i32.const 2)
          )
         )
        )
        (local.set $4
         (i32.add
          (local.get $15)
          (i32.shl
           (i32.mul
            (select
             (local.tee $7
              (i32.shl
               (local.get $16)
               (i32.const 2)
              )
             )
             (local.tee $0
              (i32.sub
               (local.get $21)
               (i32.const 1)
              )
             )
             (i32.gt_s
              (local.get $0)
              (local.get $7)
             )
            )
            (local.get $8)
           )
           (i32.const 2)
          )
         )
        )
        (local.set $10
         (i32.add
          (local.get $15)
          (i32.shl
           (i32.mul
            (select
             (local.tee $2
              (i32.add
               (local.get $7)
               (i32.const 1)
              )
             )
             (local.get $0)
             (i32.gt_s
              (local.get $0)
              (local.get $2)
             )
            )
            (local.get $8)
           )
           (i32.const 2)
          )
         )
        )
        (local.set $6
         (i32.add
          (local.get $15)
          (i32.shl
           (i32.mul
            (select
             (local.tee $2
              (i32.add
               (local.get $7)
               (i32.const 2)
              )
             )
             (local.get $0)
             (i32.gt_s
              (local.get $0)
              (local.get $2)
             )
            )
            (local.get $8)
           )
           (i32.const 2)
          )
         )
        )
        (local.set $3
         (i32.add
          (local.get $15)
          (i32.shl
           (i32.mul
            (select
             (local.tee $2
              (i32.add
               (local.get $7)
               (i32.const 3)
              )
             )
             (local.get $0)
             (i32.gt_s
              (local.get $0)
              (local.get $2)
             )
            )
            (local.get $8)
           )
           (i32.const 2)
          )
         )
        )
        (local.set $11
         (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
        )
        (local.set $17
         (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
        )
        (local.set $18
         (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
        )
        (local.set $19
         (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
        )
        (local.set $0
         (i32.const 0)
        )
        (loop $l7
         (if
          (i32.eqz
           (i32.ge_s
            (local.get $0)
            (local.get $45)
           )
          )
          (then
           (local.set $11
            (f32x4.add
             (f32x4.mul
              (local.tee $13
               (v128.load align=4
                (local.get $1)
               )
              )
              (v128.load align=4
               (local.get $4)
              )
             )
             (local.get $11)
            )
           )
           (local.set $17
            (f32x4.add
             (f32x4.mul
              (local.get $13)
              (v128.load align=4
               (local.get $10)
              )
             )
             (local.get $17)
            )
           )
           (local.set $18
            (f32x4.add
             (f32x4.mul
              (local.get $13)
              (v128.load align=4
               (local.get $6)
              )
             )
             (local.get $18)
            )
           )
           (local.set $19
            (f32x4.add
             (f32x4.mul
              (local.get $13)
              (v128.load align=4
               (local.get $3)
              )
             )
             (local.get $19)
            )
           )
           (local.set $1
            (i32.add
             (local.get $1)
             (i32.const 16)
            )
           )
           (local.set $4
            (i32.add
             (local.get $4)
             (i32.const 16)
            )
           )
           (local.set $10
            (i32.add
             (local.get $10)
             (i32.const 16)
            )
           )
           (local.set $6
            (i32.add
             (local.get $6)
             (i32.const 16)
            )
           )
           (local.set $3
            (i32.add
             (local.get $3)
             (i32.const 16)
            )
           )
           (local.set $0
            (i32.add
             (local.get $0)
             (i32.const 1)
            )
           )
           (br $l7)
          )
         )
        )
        (local.set $20
         (f32.add
          (f32.add
           (f32x4.extract_lane 0
            (local.get $11)
           )
           (f32x4.extract_lane 1
            (local.get $11)
           )
          )
          (f32.add
           (f32x4.extract_lane 2
            (local.get $11)
           )
           (f32x4.extract_lane 3
            (local.get $11)
           )
          )
         )
        )
        (local.set $31
         (f32.add
          (f32.add
           (f32x4.extract_lane 0
            (local.get $17)
           )
           (f32x4.extract_lane 1
            (local.get $17)
           )
          )
          (f32.add
           (f32x4.extract_lane 2
            (local.get $17)
           )
           (f32x4.extract_lane 3
            (local.get $17)
           )
          )
         )
        )
        (local.set $32
         (f32.add
          (f32.add
           (f32x4.extract_lane 0
            (local.get $18)
           )
           (f32x4.extract_lane 1
            (local.get $18)
           )
          )
          (f32.add
           (f32x4.extract_lane 2
            (local.get $18)
           )
           (f32x4.extract_lane 3
            (local.get $18)
           )
          )
         )
        )
        (local.set $33
         (f32.add
          (f32.add
           (f32x4.extract_lane 0
            (local.get $19)
           )
           (f32x4.extract_lane 1
            (local.get $19)
           )
          )
          (f32.add
           (f32x4.extract_lane 2
            (local.get $19)
           )
           (f32x4.extract_lane 3
            (local.get $19)
           )
          )
         )
        )
        (local.set $0
         (i32.and
          (local.get $8)
          (i32.const 3)
         )
        )
        (local.set $2
         (i32.const 0)
        )
        (loop $l8
         (if
          (i32.eqz
           (i32.le_s
            (local.get $0)
            (local.get $2)
           )
          )
          (then
           (local.set $20
            (f32.add
             (local.get $20)
             (f32.mul
              (local.tee $14
               (f32.load
                (local.get $1)
               )
              )
              (f32.load
               (local.get $4)
              )
             )
            )
           )
           (local.set $31
            (f32.add
             (local.get $31)
             (f32.mul
              (local.get $14)
              (f32.load
               (local.get $10)
              )
             )
            )
           )
           (local.set $32
            (f32.add
             (local.get $32)
             (f32.mul
              (local.get $14)
              (f32.load
               (local.get $6)
              )
             )
            )
           )
           (local.set $33
            (f32.add
             (local.get $33)
             (f32.mul
              (local.get $14)
              (f32.load
               (local.get $3)
              )
             )
            )
           )
           (local.set $1
            (i32.add
             (local.get $1)
             (i32.const 4)
            )
           )
           (local.set $4
            (i32.add
             (local.get $4)
             (i32.const 4)
            )
           )
           (local.set $10
            (i32.add
             (local.get $10)
             (i32.const 4)
            )
           )
           (local.set $6
            (i32.add
             (local.get $6)
             (i32.const 4)
            )
           )
           (local.set $3
            (i32.add
             (local.get $3)
             (i32.const 4)
            )
           )
           (local.set $2
            (i32.add
             (local.get $2)
             (i32.const 1)
            )
           )
           (br $l8)
          )
         )
        )
        (f32.store
         (i32.const 0)
         (local.get $20)
        )
        (f32.store
         (i32.const 4)
         (local.get $31)
        )
        (f32.store
         (i32.const 8)
         (local.get $32)
        )
        (f32.store
         (i32.const 12)
         (local.get $33)
        )
        (local.set $2
         (select
          (i32.const 4)
          (local.tee $0
           (i32.sub
            (local.get $21)
            (local.get $7)
           )
          )
          (i32.ge_s
           (local.get $0)
           (i32.const 4)
          )
         )
        )
        (local.set $6
         (i32.const 1)
        )
        (local.set $4
         (i32.const 0)
        )
        (loop $l11
         (if
          (i32.eqz
           (i32.ge_s
            (local.get $4)
            (local.get $6)
           )
          )
          (then
           (local.set $10
            (i32.add
             (local.get $4)
             (local.get $9)
            )
           )
           (local.set $0
            (local.get $2)
           )
           (local.set $1
            (i32.const 0)
           )
           (loop $l9
            (if
             (i32.eqz
              (i32.ge_s
               (i32.add
                (local.get $1)
                (i32.const 3)
               )
               (local.get $0)
              )
             )
             (then
              (v128.store align=4
               (i32.add
                (global.get $forward.s6)
                (i32.shl
                 (i32.add
                  (local.tee $3
                   (i32.add
                    (local.get $1)
                    (local.get $7)
                   )
                  )
                  (i32.mul
                   (local.get $10)
                   (i32.const 3)
                  )
                 )
                 (i32.const 2)
                )
               )
               (f32x4.add
                (v128.load align=4
                 (i32.shl
                  (i32.add
                   (i32.shl
                    (local.get $4)
                    (i32.const 3)
                   )
                   (local.get $1)
                  )
                  (i32.const 2)
                 )
                )
                (v128.load align=4
                 (i32.add
                  (global.get $forward.s4)
                  (i32.shl
                   (local.get $3)
                   (i32.const 2)
                  )
                 )
                )
               )
              )
              (local.set $1
               (i32.add
                (local.get $1)
                (i32.const 4)
               )
              )
              (br $l9)
             )
            )
           )
           (loop $l10
            (if
             (i32.eqz
              (i32.le_s
               (local.get $0)
               (local.get $1)
              )
             )
             (then
              (f32.store
               (i32.add
                (global.get $forward.s6)
                (i32.shl
                 (i32.add
                  (local.tee $3
                   (i32.add
                    (local.get $1)
                    (local.get $7)
                   )
                  )
                  (i32.mul
                   (local.get $10)
                   (i32.const 3)
                  )
                 )
                 (i32.const 2)
                )
               )
               (f32.demote_f64
                (f64.add
                 (f64.promote_f32
                  (f32.demote_f64
                   (f64.promote_f32
                    (f32.load
                     (i32.shl
                      (i32.add
                       (i32.shl
                        (local.get $4)
                        (i32.const 3)
                       )
                       (local.get $1)
                      )
                      (i32.const 2)
                     )
                    )
                   )
                  )
                 )
                 (f64.promote_f32
                  (f32.load
                   (i32.add
                    (global.get $forward.s4)
                    (i32.shl
                     (local.get $3)
                     (i32.const 2)
                    )
                   )
                  )
                 )
                )
               )
              )
              (local.set $1
               (i32.add
                (local.get $1)
                (i32.const 1)
               )
              )
              (br $l10)
             )
            )
           )
           (local.set $4
            (i32.add
             (local.get $4)
             (i32.const 1)
            )
           )
           (br $l11)
          )
         )
        )
        (local.set $16
         (i32.add
          (local.get $16)
          (i32.const 1)
         )
        )
        (br $l12)
       )
      )
     )
     (local.set $12
      (i32.add
       (local.get $12)
       (i32.const 1)
      )
     )
     (br $l13)
    )
   )
  )
 )
 (func $forward
  (call $forward.k0_relu)
  (call $forward.k1_add)
 )
)
