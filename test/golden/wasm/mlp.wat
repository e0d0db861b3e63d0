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
  (local $8 v128)
  (local $9 v128)
  (local $10 i32)
  (local $11 i32)
  (local $12 i32)
  (local $13 v128)
  (local $14 i32)
  (local $15 v128)
  (local $16 i32)
  (local $17 v128)
  (local $18 i32)
  (local $19 v128)
  (local $20 i32)
  (local $21 i32)
  (local $22 i32)
  (local $23 i32)
  (local $24 v128)
  (local $25 v128)
  (local $26 v128)
  (local $27 i32)
  (local $28 i32)
  (local $29 i32)
  (local $30 i32)
  (local $31 i32)
  (local $32 v128)
  (local $33 v128)
  (local $34 f32)
  (local $35 f32)
  (local $36 f32)
  (local $37 f32)
  (local $38 f32)
  (local $39 f32)
  (local $40 i32)
  (local $41 i32)
  (local $42 i32)
  (local $43 f32)
  (local $44 f32)
  (local $45 f32)
  (local $46 v128)
  (local $47 v128)
  (local $48 f32)
  (local $49 f32)
  (local $50 f32)
  (local $51 f32)
  (if
   (i32.ge_s
    (global.get $d.batch)
    (i32.const 16)
   )
   (then
    (local.set $21
     (i32.const 8)
    )
    (local.set $4
     (global.get $forward.s1)
    )
    (local.set $31
     (global.get $forward.s0)
    )
    (local.set $11
     (i32.const 4)
    )
    (local.set $41
     (i32.div_u
      (i32.add
       (i32.sub
        (local.tee $22
         (select
          (i32.const 1)
          (local.tee $10
           (i32.div_s
            (local.tee $18
             (global.get $d.batch)
            )
            (i32.const 4)
           )
          )
          (i32.le_s
           (local.get $10)
           (i32.const 0)
          )
         )
        )
        (i32.const 1)
       )
       (local.get $10)
      )
      (local.get $22)
     )
    )
    (loop $l10
     (if
      (i32.eqz
       (i32.ge_s
        (local.get $20)
        (local.get $41)
       )
      )
      (then
       (local.set $14
        (select
         (local.get $22)
         (i32.sub
          (local.get $10)
          (local.tee $27
           (i32.mul
            (local.get $20)
            (local.get $22)
           )
          )
         )
         (i32.lt_s
          (local.get $22)
          (i32.sub
           (local.get $10)
           (local.get $27)
          )
         )
        )
       )
       (local.set $42
        (i32.shr_u
         (i32.add
          (local.get $21)
          (i32.const 7)
         )
         (i32.const 3)
        )
       )
       (local.set $12
        (i32.const 0)
       )
       (loop $l9
        (if
         (i32.eqz
          (i32.ge_s
           (local.get $12)
           (local.get $42)
          )
         )
         (then
          (local.set $6
           (i32.add
            (local.get $4)
            (i32.shl
             (i32.mul
              (select
               (local.tee $5
                (i32.shl
                 (local.get $12)
                 (i32.const 3)
                )
               )
               (local.tee $1
                (i32.sub
                 (local.get $21)
                 (i32.const 1)
                )
               )
               (i32.gt_s
                (local.get $1)
                (local.get $5)
               )
              )
              (local.get $11)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $7
           (i32.add
            (local.get $4)
            (i32.shl
             (i32.mul
              (select
               (local.tee $0
                (i32.add
                 (local.get $5)
                 (i32.const 1)
                )
               )
               (local.get $1)
               (i32.lt_s
                (local.get $0)
                (local.get $1)
               )
              )
              (local.get $11)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $16
           (i32.add
            (local.get $4)
            (i32.shl
             (i32.mul
              (select
               (local.tee $0
                (i32.add
                 (local.get $5)
                 (i32.const 2)
                )
               )
               (local.get $1)
               (i32.lt_s
                (local.get $0)
                (local.get $1)
               )
              )
              (local.get $11)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $23
           (i32.add
            (local.get $4)
            (i32.shl
             (i32.mul
              (select
               (local.tee $0
                (i32.add
                 (local.get $5)
                 (i32.const 3)
                )
               )
               (local.get $1)
               (i32.lt_s
                (local.get $0)
                (local.get $1)
               )
              )
              (local.get $11)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $28
           (i32.add
            (local.get $4)
            (i32.shl
             (i32.mul
              (select
               (local.tee $0
                (i32.add
                 (local.get $5)
                 (i32.const 4)
                )
               )
               (local.get $1)
               (i32.lt_s
                (local.get $0)
                (local.get $1)
               )
              )
              (local.get $11)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $29
           (i32.add
            (local.get $4)
            (i32.shl
             (i32.mul
              (select
               (local.tee $0
                (i32.add
                 (local.get $5)
                 (i32.const 5)
                )
               )
               (local.get $1)
               (i32.lt_s
                (local.get $0)
                (local.get $1)
               )
              )
              (local.get $11)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $30
           (i32.add
            (local.get $4)
            (i32.shl
             (i32.mul
              (select
               (local.tee $0
                (i32.add
                 (local.get $5)
                 (i32.const 6)
                )
               )
               (local.get $1)
               (i32.lt_s
                (local.get $0)
                (local.get $1)
               )
              )
              (local.get $11)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $40
           (i32.add
            (local.get $4)
            (i32.shl
             (i32.mul
              (select
               (local.tee $0
                (i32.add
                 (local.get $5)
                 (i32.const 7)
                )
               )
               (local.get $1)
               (i32.lt_s
                (local.get $0)
                (local.get $1)
               )
              )
              (local.get $11)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $3
           (i32.const 0)
          )
          (local.set $0
           (i32.const 256)
          )
          (local.set $1
           (local.get $11)
          )
          (local.set $2
           (i32.const 0)
          )
          (loop $l2
           (if
            (i32.eqz
             (i32.ge_s
              (i32.add
               (local.get $2)
               (i32.const 3)
              )
              (local.get $1)
             )
            )
            (then
             (v128.store
              (local.get $0)
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
               (local.tee $13
                (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
                 (local.tee $8
                  (v128.load align=4
                   (i32.add
                    (local.get $3)
                    (local.get $6)
                   )
                  )
                 )
                 (local.tee $9
                  (v128.load align=4
                   (i32.add
                    (local.get $3)
                    (local.get $7)
                   )
                  )
                 )
                )
               )
               (local.tee $19
                (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
                 (local.tee $15
                  (v128.load align=4
                   (i32.add
                    (local.get $3)
                    (local.get $16)
                   )
                  )
                 )
                 (local.tee $17
                  (v128.load align=4
                   (i32.add
                    (local.get $3)
                    (local.get $23)
                   )
                  )
                 )
                )
               )
              )
             )
             (v128.store offset=32
              (local.get $0)
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
               (local.get $13)
               (local.get $19)
              )
             )
             (v128.store offset=64
              (local.get $0)
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
               (local.tee $8
                (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
                 (local.get $8)
                 (local.get $9)
                )
               )
               (local.tee $9
                (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
                 (local.get $15)
                 (local.get $17)
                )
               )
              )
             )
             (v128.store offset=96
              (local.get $0)
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
               (local.get $8)
               (local.get $9)
              )
             )
             (v128.store offset=16
              (local.get $0)
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
               (local.tee $13
                (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
                 (local.tee $8
                  (v128.load align=4
                   (i32.add
                    (local.get $3)
                    (local.get $28)
                   )
                  )
                 )
                 (local.tee $9
                  (v128.load align=4
                   (i32.add
                    (local.get $3)
                    (local.get $29)
                   )
                  )
                 )
                )
               )
               (local.tee $19
                (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
                 (local.tee $15
                  (v128.load align=4
                   (i32.add
                    (local.get $3)
                    (local.get $30)
                   )
                  )
                 )
                 (local.tee $17
                  (v128.load align=4
                   (i32.add
                    (local.get $3)
                    (local.get $40)
                   )
                  )
                 )
                )
               )
              )
             )
             (v128.store offset=48
              (local.get $0)
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
               (local.get $13)
               (local.get $19)
              )
             )
             (v128.store offset=80
              (local.get $0)
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
               (local.tee $8
                (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
                 (local.get $8)
                 (local.get $9)
                )
               )
               (local.tee $9
                (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
                 (local.get $15)
                 (local.get $17)
                )
               )
              )
             )
             (v128.store offset=112
              (local.get $0)
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
               (local.get $8)
               (local.get $9)
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
               (i32.const 128)
              )
             )
             (local.set $2
              (i32.add
               (local.get $2)
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
              (local.get $1)
              (local.get $2)
             )
            )
            (then
             (f32.store
              (local.get $0)
              (f32.load
               (i32.add
                (local.get $3)
                (local.get $6)
               )
              )
             )
             (f32.store offset=4
              (local.get $0)
              (f32.load
               (i32.add
                (local.get $3)
                (local.get $7)
               )
              )
             )
             (f32.store offset=8
              (local.get $0)
              (f32.load
               (i32.add
                (local.get $3)
                (local.get $16)
               )
              )
             )
             (f32.store offset=12
              (local.get $0)
              (f32.load
               (i32.add
                (local.get $3)
                (local.get $23)
               )
              )
             )
             (f32.store offset=16
              (local.get $0)
              (f32.load
               (i32.add
                (local.get $3)
                (local.get $28)
               )
              )
             )
             (f32.store offset=20
              (local.get $0)
              (f32.load
               (i32.add
                (local.get $3)
                (local.get $29)
               )
              )
             )
             (f32.store offset=24
              (local.get $0)
              (f32.load
               (i32.add
                (local.get $3)
                (local.get $30)
               )
              )
             )
             (f32.store offset=28
              (local.get $0)
              (f32.load
               (i32.add
                (local.get $3)
                (local.get $40)
               )
              )
             )
             (local.set $3
              (i32.add
               (local.get $3)
               (i32.const 4)
              )
             )
             (local.set $0
              (i32.add
               (local.get $0)
               (i32.const 32)
              )
             )
             (local.set $2
              (i32.add
               (local.get $2)
               (i32.const 1)
              )
             )
             (br $l3)
            )
           )
          )
          (local.set $3
           (i32.const 256)
          )
          (local.set $23
           (i32.const 32)
          )
          (local.set $7
           (i32.const 0)
          )
          (loop $l8
           (if
            (i32.eqz
             (i32.ge_s
              (local.get $7)
              (local.get $14)
             )
            )
            (then
             (local.set $28
              (local.tee $1
               (i32.shl
                (i32.add
                 (local.get $7)
                 (local.get $27)
                )
                (i32.const 2)
               )
              )
             )
             (local.set $6
              (i32.add
               (local.get $31)
               (i32.shl
                (i32.mul
                 (local.get $1)
                 (local.get $11)
                )
                (i32.const 2)
               )
              )
             )
             (local.set $1
              (local.get $3)
             )
             (local.set $8
              (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
             )
             (local.set $9
              (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
             )
             (local.set $13
              (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
             )
             (local.set $15
              (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
             )
             (local.set $17
              (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
             )
             (local.set $19
              (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
             )
             (local.set $25
              (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
             )
             (local.set $26
              (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
             )
             (local.set $2
              (local.tee $0
               (local.get $11)
              )
             )
             (local.set $16
              (i32.const 0)
             )
             (loop $l4
              (if
               (i32.eqz
                (i32.le_s
                 (local.get $2)
                 (local.get $16)
                )
               )
               (then
                (local.set $8
                 (f32x4.add
                  (f32x4.mul
                   (local.tee $32
                    (v128.load32_splat
                     (local.get $6)
                    )
                   )
                   (local.tee $24
                    (v128.load align=4
                     (local.get $1)
                    )
                   )
                  )
                  (local.get $8)
                 )
                )
                (local.set $9
                 (f32x4.add
                  (f32x4.mul
                   (local.get $32)
                   (local.tee $32
                    (v128.load offset=16 align=4
                     (local.get $1)
                    )
                   )
                  )
                  (local.get $9)
                 )
                )
                (local.set $13
                 (f32x4.add
                  (f32x4.mul
                   (local.tee $33
                    (v128.load32_splat offset=16
                     (local.get $6)
                    )
                   )
                   (local.get $24)
                  )
                  (local.get $13)
                 )
                )
                (local.set $15
                 (f32x4.add
                  (f32x4.mul
                   (local.get $33)
                   (local.get $32)
                  )
                  (local.get $15)
                 )
                )
                (local.set $17
                 (f32x4.add
                  (f32x4.mul
                   (local.tee $33
                    (v128.load32_splat offset=32
                     (local.get $6)
                    )
                   )
                   (local.get $24)
                  )
                  (local.get $17)
                 )
                )
                (local.set $19
                 (f32x4.add
                  (f32x4.mul
                   (local.get $33)
                   (local.get $32)
                  )
                  (local.get $19)
                 )
                )
                (local.set $25
                 (f32x4.add
                  (f32x4.mul
                   (local.tee $33
                    (v128.load32_splat offset=48
                     (local.get $6)
                    )
                   )
                   (local.get $24)
                  )
                  (local.get $25)
                 )
                )
                (local.set $26
                 (f32x4.add
                  (f32x4.mul
                   (local.get $33)
                   (local.get $32)
                  )
                  (local.get $26)
                 )
                )
                (local.set $6
                 (i32.add
                  (local.get $0)
                  (local.get $6)
                 )
                )
                (local.set $1
                 (i32.add
                  (local.get $1)
                  (local.get $23)
                 )
                )
                (local.set $16
                 (i32.add
                  (local.get $16)
                  (i32.const 1)
                 )
                )
                (br $l4)
               )
              )
             )
             (v128.store
              (i32.const 0)
              (local.get $8)
             )
             (v128.store
              (i32.const 16)
              (local.get $9)
             )
             (v128.store
              (i32.const 32)
              (local.get $13)
             )
             (v128.store
              (i32.const 48)
              (local.get $15)
             )
             (v128.store
              (i32.const 64)
              (local.get $17)
             )
             (v128.store
              (i32.const 80)
              (local.get $19)
             )
             (v128.store
              (i32.const 96)
              (local.get $25)
             )
             (v128.store
              (i32.const 112)
              (local.get $26)
             )
             (local.set $1
              (select
               (i32.const 8)
               (local.tee $1
                (i32.sub
                 (local.get $21)
                 (local.get $5)
                )
               )
               (i32.ge_s
                (local.get $1)
                (i32.const 8)
               )
              )
             )
             (local.set $29
              (i32.const 4)
             )
             (local.set $6
              (i32.const 0)
             )
             (loop $l7
              (if
               (i32.eqz
                (i32.ge_s
                 (local.get $6)
                 (local.get $29)
                )
               )
               (then
                (local.set $16
                 (i32.add
                  (local.get $6)
                  (local.get $28)
                 )
                )
                (local.set $2
                 (i32.const 0)
                )
                (loop $l5
                 (if
                  (i32.eqz
                   (i32.ge_s
                    (i32.add
                     (local.get $2)
                     (i32.const 3)
                    )
                    (local.get $1)
                   )
                  )
                  (then
                   (v128.store align=4
                    (i32.add
                     (global.get $forward.s5)
                     (i32.shl
                      (i32.add
                       (local.tee $0
                        (i32.add
                         (local.get $2)
                         (local.get $5)
                        )
                       )
                       (i32.shl
                        (local.get $16)
                        (i32.const 3)
                       )
                      )
                      (i32.const 2)
                     )
                    )
                    (f32x4.add
                     (f32x4.pmax
                      (f32x4.add
                       (v128.load align=4
                        (i32.shl
                         (i32.add
                          (i32.shl
                           (local.get $6)
                           (i32.const 3)
                          )
                          (local.get $2)
                         )
                         (i32.const 2)
                        )
                       )
                       (v128.load align=4
                        (i32.add
                         (global.get $forward.s2)
                         (i32.shl
                          (local.get $0)
                          (i32.const 2)
                         )
                        )
                       )
                      )
                      (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
                     )
                     (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
                    )
                   )
                   (local.set $2
                    (i32.add
                     (local.get $2)
                     (i32.const 4)
                    )
                   )
                   (br $l5)
                  )
                 )
                )
                (local.set $0
                 (local.get $1)
                )
                (loop $l6
                 (if
                  (i32.eqz
                   (i32.le_s
                    (local.get $0)
                    (local.get $2)
                   )
                  )
                  (then
                   (f32.store
                    (i32.add
                     (global.get $forward.s5)
                     (i32.shl
                      (i32.add
                       (local.tee $30
                        (i32.add
                         (local.get $2)
                         (local.get $5)
                        )
                       )
                       (i32.shl
                        (local.get $16)
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
                                (local.get $6)
                                (i32.const 3)
                               )
                               (local.get $2)
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
                             (local.get $30)
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
                   (local.set $2
                    (i32.add
                     (local.get $2)
                     (i32.const 1)
                    )
                   )
                   (br $l6)
                  )
                 )
                )
                (local.set $6
                 (i32.add
                  (local.get $6)
                  (i32.const 1)
                 )
                )
                (br $l7)
               )
              )
             )
             (local.set $7
              (i32.add
               (local.get $7)
               (i32.const 1)
              )
             )
             (br $l8)
            )
           )
          )
          (local.set $12
           (i32.add
            (local.get $12)
            (i32.const 1)
           )
          )
          (br $l9)
         )
        )
       )
       (local.set $20
        (i32.add
         (local.get $20)
         (i32.const 1)
        )
       )
       (br $l10)
      )
     )
    )
    (drop
     (i32.div_u
      (i32.const 4096)
      (select
       (local.get $11)
       (i32.const 1)
       (local.get $11)
      )
     )
    )
    (local.set $41
     (i32.div_u
      (i32.add
       (i32.sub
        (local.tee $22
         (select
          (i32.const 1)
          (local.tee $1
           (i32.sub
            (local.get $18)
            (i32.shl
             (local.get $10)
             (i32.const 2)
            )
           )
          )
          (i32.le_s
           (local.get $1)
           (i32.const 0)
          )
         )
        )
        (i32.const 1)
       )
       (local.get $1)
      )
      (local.get $22)
     )
    )
    (local.set $20
     (i32.const 0)
    )
    (loop $l21
     (if
      (i32.eqz
       (i32.ge_s
        (local.get $20)
        (local.get $41)
       )
      )
      (then
       (local.set $14
        (select
         (local.get $22)
         (i32.sub
          (local.tee $1
           (i32.sub
            (local.get $18)
            (i32.shl
             (local.get $10)
             (i32.const 2)
            )
           )
          )
          (local.tee $27
           (i32.mul
            (local.get $20)
            (local.get $22)
           )
          )
         )
         (i32.lt_s
          (local.get $22)
          (i32.sub
           (local.get $1)
           (local.get $27)
          )
         )
        )
       )
       (local.set $42
        (i32.shr_u
         (i32.add
          (local.get $21)
          (i32.const 7)
         )
         (i32.const 3)
        )
       )
       (local.set $12
        (i32.const 0)
       )
       (loop $l20
        (if
         (i32.eqz
          (i32.ge_s
           (local.get $12)
           (local.get $42)
          )
         )
         (then
          (local.set $6
           (i32.add
            (local.get $4)
            (i32.shl
             (i32.mul
              (select
               (local.tee $5
                (i32.shl
                 (local.get $12)
                 (i32.const 3)
                )
               )
               (local.tee $1
                (i32.sub
                 (local.get $21)
                 (i32.const 1)
                )
               )
               (i32.gt_s
                (local.get $1)
                (local.get $5)
               )
              )
              (local.get $11)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $7
           (i32.add
            (local.get $4)
            (i32.shl
             (i32.mul
              (select
               (local.tee $0
                (i32.add
                 (local.get $5)
                 (i32.const 1)
                )
               )
               (local.get $1)
               (i32.lt_s
                (local.get $0)
                (local.get $1)
               )
              )
              (local.get $11)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $16
           (i32.add
            (local.get $4)
            (i32.shl
             (i32.mul
              (select
               (local.tee $0
                (i32.add
                 (local.get $5)
                 (i32.const 2)
                )
               )
               (local.get $1)
               (i32.lt_s
                (local.get $0)
                (local.get $1)
               )
              )
              (local.get $11)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $23
           (i32.add
            (local.get $4)
            (i32.shl
             (i32.mul
              (select
               (local.tee $0
                (i32.add
                 (local.get $5)
                 (i32.const 3)
                )
               )
               (local.get $1)
               (i32.lt_s
                (local.get $0)
                (local.get $1)
               )
              )
              (local.get $11)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $28
           (i32.add
            (local.get $4)
            (i32.shl
             (i32.mul
              (select
               (local.tee $0
                (i32.add
                 (local.get $5)
                 (i32.const 4)
                )
               )
               (local.get $1)
               (i32.lt_s
                (local.get $0)
                (local.get $1)
               )
              )
              (local.get $11)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $29
           (i32.add
            (local.get $4)
            (i32.shl
             (i32.mul
              (select
               (local.tee $0
                (i32.add
                 (local.get $5)
                 (i32.const 5)
                )
               )
               (local.get $1)
               (i32.lt_s
                (local.get $0)
                (local.get $1)
               )
              )
              (local.get $11)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $30
           (i32.add
            (local.get $4)
            (i32.shl
             (i32.mul
              (select
               (local.tee $0
                (i32.add
                 (local.get $5)
                 (i32.const 6)
                )
               )
               (local.get $1)
               (i32.lt_s
                (local.get $0)
                (local.get $1)
               )
              )
              (local.get $11)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $40
           (i32.add
            (local.get $4)
            (i32.shl
             (i32.mul
              (select
               (local.tee $0
                (i32.add
                 (local.get $5)
                 (i32.const 7)
                )
               )
               (local.get $1)
               (i32.lt_s
                (local.get $0)
                (local.get $1)
               )
              )
              (local.get $11)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $3
           (i32.const 0)
          )
          (local.set $0
           (i32.const 256)
          )
          (local.set $1
           (local.get $11)
          )
          (local.set $2
           (i32.const 0)
          )
          (loop $l13
           (if
            (i32.eqz
             (i32.ge_s
              (i32.add
               (local.get $2)
               (i32.const 3)
              )
              (local.get $1)
             )
            )
            (then
             (v128.store
              (local.get $0)
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
               (local.tee $13
                (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
                 (local.tee $8
                  (v128.load align=4
                   (i32.add
                    (local.get $3)
                    (local.get $6)
                   )
                  )
                 )
                 (local.tee $9
                  (v128.load align=4
                   (i32.add
                    (local.get $3)
                    (local.get $7)
                   )
                  )
                 )
                )
               )
               (local.tee $19
                (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
                 (local.tee $15
                  (v128.load align=4
                   (i32.add
                    (local.get $3)
                    (local.get $16)
                   )
                  )
                 )
                 (local.tee $17
                  (v128.load align=4
                   (i32.add
                    (local.get $3)
                    (local.get $23)
                   )
                  )
                 )
                )
               )
              )
             )
             (v128.store offset=32
              (local.get $0)
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
               (local.get $13)
               (local.get $19)
              )
             )
             (v128.store offset=64
              (local.get $0)
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
               (local.tee $8
                (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
                 (local.get $8)
                 (local.get $9)
                )
               )
               (local.tee $9
                (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
                 (local.get $15)
                 (local.get $17)
                )
               )
              )
             )
             (v128.store offset=96
              (local.get $0)
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
               (local.get $8)
               (local.get $9)
              )
             )
             (v128.store offset=16
              (local.get $0)
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
               (local.tee $13
                (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
                 (local.tee $8
                  (v128.load align=4
                   (i32.add
                    (local.get $3)
                    (local.get $28)
                   )
                  )
                 )
                 (local.tee $9
                  (v128.load align=4
                   (i32.add
                    (local.get $3)
                    (local.get $29)
                   )
                  )
                 )
                )
               )
               (local.tee $19
                (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
                 (local.tee $15
                  (v128.load align=4
                   (i32.add
                    (local.get $3)
                    (local.get $30)
                   )
                  )
                 )
                 (local.tee $17
                  (v128.load align=4
                   (i32.add
                    (local.get $3)
                    (local.get $40)
                   )
                  )
                 )
                )
               )
              )
             )
             (v128.store offset=48
              (local.get $0)
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
               (local.get $13)
               (local.get $19)
              )
             )
             (v128.store offset=80
              (local.get $0)
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
               (local.tee $8
                (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
                 (local.get $8)
                 (local.get $9)
                )
               )
               (local.tee $9
                (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
                 (local.get $15)
                 (local.get $17)
                )
               )
              )
             )
             (v128.store offset=112
              (local.get $0)
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
               (local.get $8)
               (local.get $9)
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
               (i32.const 128)
              )
             )
             (local.set $2
              (i32.add
               (local.get $2)
               (i32.const 4)
              )
             )
             (br $l13)
            )
           )
          )
          (loop $l14
           (if
            (i32.eqz
             (i32.le_s
              (local.get $1)
              (local.get $2)
             )
            )
            (then
             (f32.store
              (local.get $0)
              (f32.load
               (i32.add
                (local.get $3)
                (local.get $6)
               )
              )
             )
             (f32.store offset=4
              (local.get $0)
              (f32.load
               (i32.add
                (local.get $3)
                (local.get $7)
               )
              )
             )
             (f32.store offset=8
              (local.get $0)
              (f32.load
               (i32.add
                (local.get $3)
                (local.get $16)
               )
              )
             )
             (f32.store offset=12
              (local.get $0)
              (f32.load
               (i32.add
                (local.get $3)
                (local.get $23)
               )
              )
             )
             (f32.store offset=16
              (local.get $0)
              (f32.load
               (i32.add
                (local.get $3)
                (local.get $28)
               )
              )
             )
             (f32.store offset=20
              (local.get $0)
              (f32.load
               (i32.add
                (local.get $3)
                (local.get $29)
               )
              )
             )
             (f32.store offset=24
              (local.get $0)
              (f32.load
               (i32.add
                (local.get $3)
                (local.get $30)
               )
              )
             )
             (f32.store offset=28
              (local.get $0)
              (f32.load
               (i32.add
                (local.get $3)
                (local.get $40)
               )
              )
             )
             (local.set $3
              (i32.add
               (local.get $3)
               (i32.const 4)
              )
             )
             (local.set $0
              (i32.add
               (local.get $0)
               (i32.const 32)
              )
             )
             (local.set $2
              (i32.add
               (local.get $2)
               (i32.const 1)
              )
             )
             (br $l14)
            )
           )
          )
          (local.set $3
           (i32.const 256)
          )
          (local.set $23
           (i32.const 32)
          )
          (local.set $7
           (i32.const 0)
          )
          (loop $l19
           (if
            (i32.eqz
             (i32.ge_s
              (local.get $7)
              (local.get $14)
             )
            )
            (then
             (local.set $28
              (local.tee $1
               (i32.add
                (i32.add
                 (local.get $7)
                 (local.get $27)
                )
                (i32.shl
                 (local.get $10)
                 (i32.const 2)
                )
               )
              )
             )
             (local.set $6
              (i32.add
               (local.get $31)
               (i32.shl
                (i32.mul
                 (local.get $1)
                 (local.get $11)
                )
                (i32.const 2)
               )
              )
             )
             (local.set $1
              (local.get $3)
             )
             (local.set $8
              (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
             )
             (local.set $9
              (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
             )
             (local.set $2
              (local.tee $0
               (local.get $11)
              )
             )
             (local.set $16
              (i32.const 0)
             )
             (loop $l15
              (if
               (i32.eqz
                (i32.le_s
                 (local.get $2)
                 (local.get $16)
                )
               )
               (then
                (local.set $8
                 (f32x4.add
                  (f32x4.mul
                   (local.tee $13
                    (v128.load32_splat
                     (local.get $6)
                    )
                   )
                   (v128.load align=4
                    (local.get $1)
                   )
                  )
                  (local.get $8)
                 )
                )
                (local.set $9
                 (f32x4.add
                  (f32x4.mul
                   (local.get $13)
                   (v128.load offset=16 align=4
                    (local.get $1)
                   )
                  )
                  (local.get $9)
                 )
                )
                (local.set $6
                 (i32.add
                  (local.get $0)
                  (local.get $6)
                 )
                )
                (local.set $1
                 (i32.add
                  (local.get $1)
                  (local.get $23)
                 )
                )
                (local.set $16
                 (i32.add
                  (local.get $16)
                  (i32.const 1)
                 )
                )
                (br $l15)
               )
              )
             )
             (v128.store
              (i32.const 0)
              (local.get $8)
             )
             (v128.store
              (i32.const 16)
              (local.get $9)
             )
             (local.set $1
              (select
               (i32.const 8)
               (local.tee $1
                (i32.sub
                 (local.get $21)
                 (local.get $5)
                )
               )
               (i32.ge_s
                (local.get $1)
                (i32.const 8)
               )
              )
             )
             (local.set $29
              (i32.const 1)
             )
             (local.set $6
              (i32.const 0)
             )
             (loop $l18
              (if
               (i32.eqz
                (i32.ge_s
                 (local.get $6)
                 (local.get $29)
                )
               )
               (then
                (local.set $16
                 (i32.add
                  (local.get $6)
                  (local.get $28)
                 )
                )
                (local.set $2
                 (i32.const 0)
                )
                (loop $l16
                 (if
                  (i32.eqz
                   (i32.ge_s
                    (i32.add
                     (local.get $2)
                     (i32.const 3)
                    )
                    (local.get $1)
                   )
                  )
                  (then
                   (v128.store align=4
                    (i32.add
                     (global.get $forward.s5)
                     (i32.shl
                      (i32.add
                       (local.tee $0
                        (i32.add
                         (local.get $2)
                         (local.get $5)
                        )
                       )
                       (i32.shl
                        (local.get $16)
                        (i32.const 3)
                       )
                      )
                      (i32.const 2)
                     )
                    )
                    (f32x4.add
                     (f32x4.pmax
                      (f32x4.add
                       (v128.load align=4
                        (i32.shl
                         (i32.add
                          (i32.shl
                           (local.get $6)
                           (i32.const 3)
                          )
                          (local.get $2)
                         )
                         (i32.const 2)
                        )
                       )
                       (v128.load align=4
                        (i32.add
                         (global.get $forward.s2)
                         (i32.shl
                          (local.get $0)
                          (i32.const 2)
                         )
                        )
                       )
                      )
                      (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
                     )
                     (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
                    )
                   )
                   (local.set $2
                    (i32.add
                     (local.get $2)
                     (i32.const 4)
                    )
                   )
                   (br $l16)
                  )
                 )
                )
                (local.set $0
                 (local.get $1)
                )
                (loop $l17
                 (if
                  (i32.eqz
                   (i32.le_s
                    (local.get $0)
                    (local.get $2)
                   )
                  )
                  (then
                   (f32.store
                    (i32.add
                     (global.get $forward.s5)
                     (i32.shl
                      (i32.add
                       (local.tee $30
                        (i32.add
                         (local.get $2)
                         (local.get $5)
                        )
                       )
                       (i32.shl
                        (local.get $16)
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
                                (local.get $6)
                                (i32.const 3)
                               )
                               (local.get $2)
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
                             (local.get $30)
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
                   (local.set $2
                    (i32.add
                     (local.get $2)
                     (i32.const 1)
                    )
                   )
                   (br $l17)
                  )
                 )
                )
                (local.set $6
                 (i32.add
                  (local.get $6)
                  (i32.const 1)
                 )
                )
                (br $l18)
               )
              )
             )
             (local.set $7
              (i32.add
               (local.get $7)
               (i32.const 1)
              )
             )
             (br $l19)
            )
           )
          )
          (local.set $12
           (i32.add
            (local.get $12)
            (i32.const 1)
           )
          )
          (br $l20)
         )
        )
       )
       (local.set $20
        (i32.add
         (local.get $20)
         (i32.const 1)
        )
       )
       (br $l21)
      )
     )
    )
   )
   (else
    (local.set $3
     (i32.const 8)
    )
    (local.set $11
     (block (result i32)
      (local.set $2
       (i32.const 4)
      )
      (i32.const 1)
     )
    )
    (local.set $22
     (global.get $forward.s0)
    )
    (local.set $21
     (global.get $forward.s1)
    )
    (local.set $27
     (i32.div_s
      (local.tee $16
       (global.get $d.batch)
      )
      (i32.const 2)
     )
    )
    (loop $l28
     (if
      (i32.eqz
       (i32.ge_s
        (local.get $6)
        (local.get $27)
       )
      )
      (then
       (local.set $20
        (i32.shl
         (local.get $6)
         (i32.const 1)
        )
       )
       (local.set $31
        (i32.shr_u
         (i32.add
          (local.get $3)
          (i32.const 3)
         )
         (i32.const 2)
        )
       )
       (local.set $7
        (i32.const 0)
       )
       (loop $l27
        (if
         (i32.eqz
          (i32.ge_s
           (local.get $7)
           (local.get $31)
          )
         )
         (then
          (local.set $5
           (i32.add
            (local.get $22)
            (i32.shl
             (i32.mul
              (local.get $2)
              (local.get $20)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $14
           (i32.add
            (local.get $22)
            (i32.shl
             (i32.mul
              (i32.add
               (local.get $20)
               (i32.const 1)
              )
              (local.get $2)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $0
           (i32.add
            (local.get $21)
            (i32.shl
             (i32.mul
              (select
               (local.tee $1
                (i32.shl
                 (local.get $7)
                 (i32.const 2)
                )
               )
               (local.tee $12
                (i32.sub
                 (local.get $3)
                 (i32.const 1)
                )
               )
               (i32.lt_s
                (local.get $1)
                (local.get $12)
               )
              )
              (local.get $2)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $4
           (i32.add
            (local.get $21)
            (i32.shl
             (i32.mul
              (select
               (local.tee $4
                (i32.add
                 (local.get $1)
                 (i32.const 1)
                )
               )
               (local.get $12)
               (i32.lt_s
                (local.get $4)
                (local.get $12)
               )
              )
              (local.get $2)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $10
           (i32.add
            (local.get $21)
            (i32.shl
             (i32.mul
              (select
               (local.tee $10
                (i32.add
                 (local.get $1)
                 (i32.const 2)
                )
               )
               (local.get $12)
               (i32.lt_s
                (local.get $10)
                (local.get $12)
               )
              )
              (local.get $2)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $18
           (i32.add
            (local.get $21)
            (i32.shl
             (i32.mul
              (select
               (local.tee $18
                (i32.add
                 (local.get $1)
                 (i32.const 3)
                )
               )
               (local.get $12)
               (i32.gt_s
                (local.get $12)
                (local.get $18)
               )
              )
              (local.get $2)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $8
           (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
          )
          (local.set $9
           (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
          )
          (local.set $13
           (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
          )
          (local.set $15
           (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
          )
          (local.set $17
           (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
          )
          (local.set $19
           (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
          )
          (local.set $25
           (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
          )
          (local.set $26
           (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
          )
          (local.set $12
           (i32.const 0)
          )
          (loop $l22
           (if
            (i32.eqz
             (i32.le_s
              (local.get $11)
              (local.get $12)
             )
            )
            (then
             (local.set $8
              (f32x4.add
               (f32x4.mul
                (local.tee $24
                 (v128.load align=4
                  (local.get $5)
                 )
                )
                (local.tee $32
                 (v128.load align=4
                  (local.get $0)
                 )
                )
               )
               (local.get $8)
              )
             )
             (local.set $9
              (f32x4.add
               (f32x4.mul
                (local.get $24)
                (local.tee $33
                 (v128.load align=4
                  (local.get $4)
                 )
                )
               )
               (local.get $9)
              )
             )
             (local.set $13
              (f32x4.add
               (f32x4.mul
                (local.get $24)
                (local.tee $46
                 (v128.load align=4
                  (local.get $10)
                 )
                )
               )
               (local.get $13)
              )
             )
             (local.set $15
              (f32x4.add
               (f32x4.mul
                (local.get $24)
                (local.tee $47
                 (v128.load align=4
                  (local.get $18)
                 )
                )
               )
               (local.get $15)
              )
             )
             (local.set $17
              (f32x4.add
               (f32x4.mul
                (local.tee $24
                 (v128.load align=4
                  (local.get $14)
                 )
                )
                (local.get $32)
               )
               (local.get $17)
              )
             )
             (local.set $19
              (f32x4.add
               (f32x4.mul
                (local.get $24)
                (local.get $33)
               )
               (local.get $19)
              )
             )
             (local.set $25
              (f32x4.add
               (f32x4.mul
                (local.get $24)
                (local.get $46)
               )
               (local.get $25)
              )
             )
             (local.set $26
              (f32x4.add
               (f32x4.mul
                (local.get $24)
                (local.get $47)
               )
               (local.get $26)
              )
             )
             (local.set $5
              (i32.add
               (local.get $5)
               (i32.const 16)
              )
             )
             (local.set $14
              (i32.add
               (local.get $14)
               (i32.const 16)
              )
             )
             (local.set $0
              (i32.add
               (local.get $0)
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
             (local.set $18
              (i32.add
               (local.get $18)
               (i32.const 16)
              )
             )
             (local.set $12
              (i32.add
               (local.get $12)
               (i32.const 1)
              )
             )
             (br $l22)
            )
           )
          )
          (local.set $34
           (f32.add
            (f32.add
             (f32x4.extract_lane 0
              (local.get $8)
             )
             (f32x4.extract_lane 1
              (local.get $8)
             )
            )
            (f32.add
             (f32x4.extract_lane 2
              (local.get $8)
             )
             (f32x4.extract_lane 3
              (local.get $8)
             )
            )
           )
          )
          (local.set $35
           (f32.add
            (f32.add
             (f32x4.extract_lane 0
              (local.get $9)
             )
             (f32x4.extract_lane 1
              (local.get $9)
             )
            )
            (f32.add
             (f32x4.extract_lane 2
              (local.get $9)
             )
             (f32x4.extract_lane 3
              (local.get $9)
             )
            )
           )
          )
          (local.set $36
           (f32.add
            (f32.add
             (f32x4.extract_lane 0
              (local.get $13)
             )
             (f32x4.extract_lane 1
              (local.get $13)
             )
            )
            (f32.add
             (f32x4.extract_lane 2
              (local.get $13)
             )
             (f32x4.extract_lane 3
              (local.get $13)
             )
            )
           )
          )
          (local.set $37
           (f32.add
            (f32.add
             (f32x4.extract_lane 0
              (local.get $15)
             )
             (f32x4.extract_lane 1
              (local.get $15)
             )
            )
            (f32.add
             (f32x4.extract_lane 2
              (local.get $15)
             )
             (f32x4.extract_lane 3
              (local.get $15)
             )
            )
           )
          )
          (local.set $38
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
          (local.set $43
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
          (local.set $44
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
          (local.set $45
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
          (local.set $23
           (i32.and
            (local.get $2)
            (i32.const 3)
           )
          )
          (local.set $12
           (i32.const 0)
          )
          (loop $l23
           (if
            (i32.eqz
             (i32.ge_s
              (local.get $12)
              (local.get $23)
             )
            )
            (then
             (local.set $34
              (f32.add
               (local.get $34)
               (f32.mul
                (local.tee $39
                 (f32.load
                  (local.get $5)
                 )
                )
                (local.tee $48
                 (f32.load
                  (local.get $0)
                 )
                )
               )
              )
             )
             (local.set $35
              (f32.add
               (local.get $35)
               (f32.mul
                (local.get $39)
                (local.tee $49
                 (f32.load
                  (local.get $4)
                 )
                )
               )
              )
             )
             (local.set $36
              (f32.add
               (local.get $36)
               (f32.mul
                (local.get $39)
                (local.tee $50
                 (f32.load
                  (local.get $10)
                 )
                )
               )
              )
             )
             (local.set $37
              (f32.add
               (local.get $37)
               (f32.mul
                (local.get $39)
                (local.tee $51
                 (f32.load
                  (local.get $18)
                 )
                )
               )
              )
             )
             (local.set $38
              (f32.add
               (local.get $38)
               (f32.mul
                (local.tee $39
                 (f32.load
                  (local.get $14)
                 )
                )
                (local.get $48)
               )
              )
             )
             (local.set $43
              (f32.add
               (local.get $43)
               (f32.mul
                (local.get $39)
                (local.get $49)
               )
              )
             )
             (local.set $44
              (f32.add
               (local.get $44)
               (f32.mul
                (local.get $39)
                (local.get $50)
               )
              )
             )
             (local.set $45
              (f32.add
               (local.get $45)
               (f32.mul
                (local.get $39)
                (local.get $51)
               )
              )
             )
             (local.set $5
              (i32.add
               (local.get $5)
               (i32.const 4)
              )
             )
             (local.set $14
              (i32.add
               (local.get $14)
               (i32.const 4)
              )
             )
             (local.set $0
              (i32.add
               (local.get $0)
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
             (local.set $18
              (i32.add
               (local.get $18)
               (i32.const 4)
              )
             )
             (local.set $12
              (i32.add
               (local.get $12)
               (i32.const 1)
              )
             )
             (br $l23)
            )
           )
          )
          (f32.store
           (i32.const 0)
           (local.get $34)
          )
          (f32.store
           (i32.const 4)
           (local.get $35)
          )
          (f32.store
           (i32.const 8)
           (local.get $36)
          )
          (f32.store
           (i32.const 12)
           (local.get $37)
          )
          (f32.store
           (i32.const 32)
           (local.get $38)
          )
          (f32.store
           (i32.const 36)
           (local.get $43)
          )
          (f32.store
           (i32.const 40)
           (local.get $44)
          )
          (f32.store
           (i32.const 44)
           (local.get $45)
          )
          (local.set $1
           (select
            (i32.const 4)
            (local.tee $1
             (i32.sub
              (local.get $3)
              (local.tee $5
               (local.get $1)
              )
             )
            )
            (i32.ge_s
             (local.get $1)
             (i32.const 4)
            )
           )
          )
          (local.set $18
           (i32.const 2)
          )
          (local.set $4
           (i32.const 0)
          )
          (loop $l26
           (if
            (i32.eqz
             (i32.ge_s
              (local.get $4)
              (local.get $18)
             )
            )
            (then
             (local.set $10
              (i32.add
               (local.get $4)
               (local.get $20)
              )
             )
             (local.set $0
              (i32.const 0)
             )
             (loop $l24
              (if
               (i32.eqz
                (i32.ge_s
                 (i32.add
                  (local.get $0)
                  (i32.const 3)
                 )
                 (local.get $1)
                )
               )
               (then
                (v128.store align=4
                 (i32.add
                  (global.get $forward.s5)
                  (i32.shl
                   (i32.add
                    (local.tee $14
                     (i32.add
                      (local.get $0)
                      (local.get $5)
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
                 (f32x4.add
                  (f32x4.pmax
                   (f32x4.add
                    (v128.load align=4
                     (i32.shl
                      (i32.add
                       (i32.shl
                        (local.get $4)
                        (i32.const 3)
                       )
                       (local.get $0)
                      )
                      (i32.const 2)
                     )
                    )
                    (v128.load align=4
                     (i32.add
                      (global.get $forward.s2)
                      (i32.shl
                       (local.get $14)
                       (i32.const 2)
                      )
                     )
                    )
                   )
                   (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
                  )
                  (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
                 )
                )
                (local.set $0
                 (i32.add
                  (local.get $0)
                  (i32.const 4)
                 )
                )
                (br $l24)
               )
              )
             )
             (local.set $14
              (local.get $1)
             )
             (loop $l25
              (if
               (i32.eqz
                (i32.ge_s
                 (local.get $0)
                 (local.get $14)
                )
               )
               (then
                (f32.store
                 (i32.add
                  (global.get $forward.s5)
                  (i32.shl
                   (i32.add
                    (local.tee $12
                     (i32.add
                      (local.get $0)
                      (local.get $5)
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
                            (local.get $0)
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
                          (local.get $12)
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
                (local.set $0
                 (i32.add
                  (local.get $0)
                  (i32.const 1)
                 )
                )
                (br $l25)
               )
              )
             )
             (local.set $4
              (i32.add
               (local.get $4)
               (i32.const 1)
              )
             )
             (br $l26)
            )
           )
          )
          (local.set $7
           (i32.add
            (local.get $7)
            (i32.const 1)
           )
          )
          (br $l27)
         )
        )
       )
       (local.set $6
        (i32.add
         (local.get $6)
         (i32.const 1)
        )
       )
       (br $l28)
      )
     )
    )
    (local.set $12
     (i32.sub
      (local.get $16)
      (i32.shl
       (local.get $27)
       (i32.const 1)
      )
     )
    )
    (local.set $18
     (i32.const 0)
    )
    (loop $l35
     (if
      (i32.eqz
       (i32.le_s
        (local.get $12)
        (local.get $18)
       )
      )
      (then
       (local.set $20
        (i32.add
         (i32.shl
          (local.get $27)
          (i32.const 1)
         )
         (local.get $18)
        )
       )
       (local.set $16
        (i32.shr_u
         (i32.add
          (local.get $3)
          (i32.const 3)
         )
         (i32.const 2)
        )
       )
       (local.set $6
        (i32.const 0)
       )
       (loop $l34
        (if
         (i32.eqz
          (i32.ge_s
           (local.get $6)
           (local.get $16)
          )
         )
         (then
          (local.set $5
           (i32.add
            (local.get $22)
            (i32.shl
             (i32.mul
              (local.get $2)
              (local.get $20)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $14
           (i32.add
            (local.get $21)
            (i32.shl
             (i32.mul
              (select
               (local.tee $1
                (i32.shl
                 (local.get $6)
                 (i32.const 2)
                )
               )
               (local.tee $7
                (i32.sub
                 (local.get $3)
                 (i32.const 1)
                )
               )
               (i32.lt_s
                (local.get $1)
                (local.get $7)
               )
              )
              (local.get $2)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $0
           (i32.add
            (local.get $21)
            (i32.shl
             (i32.mul
              (select
               (local.tee $0
                (i32.add
                 (local.get $1)
                 (i32.const 1)
                )
               )
               (local.get $7)
               (i32.lt_s
                (local.get $0)
                (local.get $7)
               )
              )
              (local.get $2)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $4
           (i32.add
            (local.get $21)
            (i32.shl
             (i32.mul
              (select
               (local.tee $4
                (i32.add
                 (local.get $1)
                 (i32.const 2)
                )
               )
               (local.get $7)
               (i32.lt_s
                (local.get $4)
                (local.get $7)
               )
              )
              (local.get $2)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $10
           (i32.add
            (local.get $21)
            (i32.shl
             (i32.mul
              (select
               (local.tee $10
                (i32.add
                 (local.get $1)
                 (i32.const 3)
                )
               )
               (local.get $7)
               (i32.gt_s
                (local.get $7)
                (local.get $10)
               )
              )
              (local.get $2)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $8
           (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
          )
          (local.set $9
           (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
          )
          (local.set $13
           (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
          )
          (local.set $15
           (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
          )
          (local.set $7
           (i32.const 0)
          )
          (loop $l29
           (if
            (i32.eqz
             (i32.ge_s
              (local.get $7)
              (local.get $11)
             )
            )
            (then
             (local.set $8
              (f32x4.add
               (f32x4.mul
                (local.tee $17
                 (v128.load align=4
                  (local.get $5)
                 )
                )
                (v128.load align=4
                 (local.get $14)
                )
               )
               (local.get $8)
              )
             )
             (local.set $9
              (f32x4.add
               (f32x4.mul
                (local.get $17)
                (v128.load align=4
                 (local.get $0)
                )
               )
               (local.get $9)
              )
             )
             (local.set $13
              (f32x4.add
               (f32x4.mul
                (local.get $17)
                (v128.load align=4
                 (local.get $4)
                )
               )
               (local.get $13)
              )
             )
             (local.set $15
              (f32x4.add
               (f32x4.mul
                (local.get $17)
                (v128.load align=4
                 (local.get $10)
                )
               )
               (local.get $15)
              )
             )
             (local.set $5
              (i32.add
               (local.get $5)
               (i32.const 16)
              )
             )
             (local.set $14
              (i32.add
               (local.get $14)
               (i32.const 16)
              )
             )
             (local.set $0
              (i32.add
               (local.get $0)
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
             (local.set $7
              (i32.add
               (local.get $7)
               (i32.const 1)
              )
             )
             (br $l29)
            )
           )
          )
          (local.set $34
           (f32.add
            (f32.add
             (f32x4.extract_lane 0
              (local.get $8)
             )
             (f32x4.extract_lane 1
              (local.get $8)
             )
            )
            (f32.add
             (f32x4.extract_lane 2
              (local.get $8)
             )
             (f32x4.extract_lane 3
              (local.get $8)
             )
            )
           )
          )
          (local.set $35
           (f32.add
            (f32.add
             (f32x4.extract_lane 0
              (local.get $9)
             )
             (f32x4.extract_lane 1
              (local.get $9)
             )
            )
            (f32.add
             (f32x4.extract_lane 2
              (local.get $9)
             )
             (f32x4.extract_lane 3
              (local.get $9)
             )
            )
           )
          )
          (local.set $36
           (f32.add
            (f32.add
             (f32x4.extract_lane 0
              (local.get $13)
             )
             (f32x4.extract_lane 1
              (local.get $13)
             )
            )
            (f32.add
             (f32x4.extract_lane 2
              (local.get $13)
             )
             (f32x4.extract_lane 3
              (local.get $13)
             )
            )
           )
          )
          (local.set $37
           (f32.add
            (f32.add
             (f32x4.extract_lane 0
              (local.get $15)
             )
             (f32x4.extract_lane 1
              (local.get $15)
             )
            )
            (f32.add
             (f32x4.extract_lane 2
              (local.get $15)
             )
             (f32x4.extract_lane 3
              (local.get $15)
             )
            )
           )
          )
          (local.set $31
           (i32.and
            (local.get $2)
            (i32.const 3)
           )
          )
          (local.set $7
           (i32.const 0)
          )
          (loop $l30
           (if
            (i32.eqz
             (i32.ge_s
              (local.get $7)
              (local.get $31)
             )
            )
            (then
             (local.set $34
              (f32.add
               (local.get $34)
               (f32.mul
                (local.tee $38
                 (f32.load
                  (local.get $5)
                 )
                )
                (f32.load
                 (local.get $14)
                )
               )
              )
             )
             (local.set $35
              (f32.add
               (local.get $35)
               (f32.mul
                (local.get $38)
                (f32.load
                 (local.get $0)
                )
               )
              )
             )
             (local.set $36
              (f32.add
               (local.get $36)
               (f32.mul
                (local.get $38)
                (f32.load
                 (local.get $4)
                )
               )
              )
             )
             (local.set $37
              (f32.add
               (local.get $37)
               (f32.mul
                (local.get $38)
                (f32.load
                 (local.get $10)
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
             (local.set $14
              (i32.add
               (local.get $14)
               (i32.const 4)
              )
             )
             (local.set $0
              (i32.add
               (local.get $0)
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
             (local.set $7
              (i32.add
               (local.get $7)
               (i32.const 1)
              )
             )
             (br $l30)
            )
           )
          )
          (f32.store
           (i32.const 0)
           (local.get $34)
          )
          (f32.store
           (i32.const 4)
           (local.get $35)
          )
          (f32.store
           (i32.const 8)
           (local.get $36)
          )
          (f32.store
           (i32.const 12)
           (local.get $37)
          )
          (local.set $1
           (select
            (i32.const 4)
            (local.tee $1
             (i32.sub
              (local.get $3)
              (local.tee $5
               (local.get $1)
              )
             )
            )
            (i32.ge_s
             (local.get $1)
             (i32.const 4)
            )
           )
          )
          (local.set $7
           (i32.const 1)
          )
          (local.set $4
           (i32.const 0)
          )
          (loop $l33
           (if
            (i32.eqz
             (i32.ge_s
              (local.get $4)
              (local.get $7)
             )
            )
            (then
             (local.set $10
              (i32.add
               (local.get $4)
               (local.get $20)
              )
             )
             (local.set $0
              (i32.const 0)
             )
             (loop $l31
              (if
               (i32.eqz
                (i32.ge_s
                 (i32.add
                  (local.get $0)
                  (i32.const 3)
                 )
                 (local.get $1)
                )
               )
               (then
                (v128.store align=4
                 (i32.add
                  (global.get $forward.s5)
                  (i32.shl
                   (i32.add
                    (local.tee $14
                     (i32.add
                      (local.get $0)
                      (local.get $5)
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
                 (f32x4.add
                  (f32x4.pmax
                   (f32x4.add
                    (v128.load align=4
                     (i32.shl
                      (i32.add
                       (i32.shl
                        (local.get $4)
                        (i32.const 3)
                       )
                       (local.get $0)
                      )
                      (i32.const 2)
                     )
                    )
                    (v128.load align=4
                     (i32.add
                      (global.get $forward.s2)
                      (i32.shl
                       (local.get $14)
                       (i32.const 2)
                      )
                     )
                    )
                   )
                   (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
                  )
                  (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
                 )
                )
                (local.set $0
                 (i32.add
                  (local.get $0)
                  (i32.const 4)
                 )
                )
                (br $l31)
               )
              )
             )
             (local.set $14
              (local.get $1)
             )
             (loop $l32
              (if
               (i32.eqz
                (i32.ge_s
                 (local.get $0)
                 (local.get $14)
                )
               )
               (then
                (f32.store
                 (i32.add
                  (global.get $forward.s5)
                  (i32.shl
                   (i32.add
                    (local.tee $31
                     (i32.add
                      (local.get $0)
                      (local.get $5)
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
                            (local.get $0)
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
                          (local.get $31)
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
                (local.set $0
                 (i32.add
                  (local.get $0)
                  (i32.const 1)
                 )
                )
                (br $l32)
               )
              )
             )
             (local.set $4
              (i32.add
               (local.get $4)
               (i32.const 1)
              )
             )
             (br $l33)
            )
           )
          )
          (local.set $6
           (i32.add
            (local.get $6)
            (i32.const 1)
           )
          )
          (br $l34)
         )
        )
       )
       (local.set $18
        (i32.add
         (local.get $18)
         (i32.const 1)
        )
       )
       (br $l35)
      )
     )
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
  (local $8 v128)
  (local $9 v128)
  (local $10 i32)
  (local $11 i32)
  (local $12 i32)
  (local $13 i32)
  (local $14 i32)
  (local $15 v128)
  (local $16 i32)
  (local $17 v128)
  (local $18 i32)
  (local $19 v128)
  (local $20 i32)
  (local $21 i32)
  (local $22 v128)
  (local $23 i32)
  (local $24 i32)
  (local $25 i32)
  (local $26 i32)
  (local $27 i32)
  (local $28 i32)
  (local $29 i32)
  (local $30 v128)
  (local $31 v128)
  (local $32 v128)
  (local $33 v128)
  (local $34 v128)
  (local $35 f32)
  (local $36 i32)
  (local $37 f32)
  (local $38 i32)
  (local $39 v128)
  (local $40 v128)
  (local $41 f32)
  (local $42 f32)
  (local $43 f32)
  (local $44 f32)
  (local $45 f32)
  (local $46 f32)
  (local $47 f32)
  (local $48 f32)
  (local $49 f32)
  (local $50 f32)
  (local $51 f32)
  (local $52 i32)
  (if
   (i32.ge_s
    (global.get $d.batch)
    (i32.const 16)
   )
   (then
    (local.set $20
     (i32.const 4)
    )
    (local.set $5
     (i32.const 8)
    )
    (local.set $38
     (i32.const 3)
    )
    (local.set $24
     (global.get $forward.s3)
    )
    (local.set $27
     (global.get $forward.s5)
    )
    (local.set $4
     (i32.const 8)
    )
    (local.set $28
     (i32.div_u
      (i32.add
       (i32.sub
        (local.tee $21
         (select
          (i32.const 1)
          (local.tee $36
           (i32.div_s
            (local.tee $52
             (global.get $d.batch)
            )
            (i32.const 4)
           )
          )
          (i32.le_s
           (local.get $36)
           (i32.const 0)
          )
         )
        )
        (i32.const 1)
       )
       (local.get $36)
      )
      (local.get $21)
     )
    )
    (loop $l10
     (if
      (i32.eqz
       (i32.ge_s
        (local.get $25)
        (local.get $28)
       )
      )
      (then
       (local.set $14
        (select
         (local.get $21)
         (i32.sub
          (local.get $36)
          (local.tee $6
           (i32.mul
            (local.get $21)
            (local.get $25)
           )
          )
         )
         (i32.lt_s
          (local.get $21)
          (i32.sub
           (local.get $36)
           (local.get $6)
          )
         )
        )
       )
       (local.set $23
        (i32.shr_u
         (i32.add
          (local.get $38)
          (i32.const 7)
         )
         (i32.const 3)
        )
       )
       (local.set $12
        (i32.const 0)
       )
       (loop $l9
        (if
         (i32.eqz
          (i32.ge_s
           (local.get $12)
           (local.get $23)
          )
         )
         (then
          (local.set $26
           (i32.add
            (local.get $24)
            (i32.shl
             (i32.mul
              (select
               (local.tee $13
                (i32.shl
                 (local.get $12)
                 (i32.const 3)
                )
               )
               (local.tee $0
                (i32.sub
                 (local.get $38)
                 (i32.const 1)
                )
               )
               (i32.gt_s
                (local.get $0)
                (local.get $13)
               )
              )
              (local.get $5)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $29
           (i32.add
            (local.get $24)
            (i32.shl
             (i32.mul
              (select
               (local.tee $2
                (i32.add
                 (local.get $13)
                 (i32.const 1)
                )
               )
               (local.get $0)
               (i32.gt_s
                (local.get $0)
                (local.get $2)
               )
              )
              (local.get $5)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $16
           (i32.add
            (local.get $24)
            (i32.shl
             (i32.mul
              (select
               (local.tee $2
                (i32.add
                 (local.get $13)
                 (i32.const 2)
                )
               )
               (local.get $0)
               (i32.gt_s
                (local.get $0)
                (local.get $2)
               )
              )
              (local.get $5)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $18
           (i32.add
            (local.get $24)
            (i32.shl
             (i32.mul
              (select
               (local.tee $2
                (i32.add
                 (local.get $13)
                 (i32.const 3)
                )
               )
               (local.get $0)
               (i32.gt_s
                (local.get $0)
                (local.get $2)
               )
              )
              (local.get $5)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $11
           (i32.add
            (local.get $24)
            (i32.shl
             (i32.mul
              (select
               (local.tee $2
                (i32.add
                 (local.get $13)
                 (i32.const 4)
                )
               )
               (local.get $0)
               (i32.gt_s
                (local.get $0)
                (local.get $2)
               )
              )
              (local.get $5)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $7
           (i32.add
            (local.get $24)
            (i32.shl
             (i32.mul
              (select
               (local.tee $2
                (i32.add
                 (local.get $13)
                 (i32.const 5)
                )
               )
               (local.get $0)
               (i32.gt_s
                (local.get $0)
                (local.get $2)
               )
              )
              (local.get $5)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $2
           (i32.add
            (local.get $24)
            (i32.shl
             (i32.mul
              (select
               (local.tee $2
                (i32.add
                 (local.get $13)
                 (i32.const 6)
                )
               )
               (local.get $0)
               (i32.gt_s
                (local.get $0)
                (local.get $2)
               )
              )
              (local.get $5)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $0
           (i32.add
            (local.get $24)
            (i32.shl
             (i32.mul
              (select
               (local.tee $1
                (i32.add
                 (local.get $13)
                 (i32.const 7)
                )
               )
               (local.get $0)
               (i32.gt_s
                (local.get $0)
                (local.get $1)
               )
              )
              (local.get $5)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $1
           (i32.const 0)
          )
          (local.set $3
           (i32.const 256)
          )
          (local.set $10
           (i32.const 0)
          )
          (loop $l2
           (if
            (i32.eqz
             (i32.ge_s
              (i32.add
               (local.get $10)
               (i32.const 3)
              )
              (local.get $4)
             )
            )
            (then
             (v128.store
              (local.get $3)
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
               (local.tee $9
                (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
                 (local.tee $22
                  (v128.load align=4
                   (i32.add
                    (local.get $1)
                    (local.get $26)
                   )
                  )
                 )
                 (local.tee $17
                  (v128.load align=4
                   (i32.add
                    (local.get $1)
                    (local.get $29)
                   )
                  )
                 )
                )
               )
               (local.tee $8
                (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
                 (local.tee $19
                  (v128.load align=4
                   (i32.add
                    (local.get $1)
                    (local.get $16)
                   )
                  )
                 )
                 (local.tee $15
                  (v128.load align=4
                   (i32.add
                    (local.get $1)
                    (local.get $18)
                   )
                  )
                 )
                )
               )
              )
             )
             (v128.store offset=32
              (local.get $3)
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
               (local.get $9)
               (local.get $8)
              )
             )
             (v128.store offset=64
              (local.get $3)
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
               (local.tee $9
                (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
                 (local.get $22)
                 (local.get $17)
                )
               )
               (local.tee $8
                (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
                 (local.get $19)
                 (local.get $15)
                )
               )
              )
             )
             (v128.store offset=96
              (local.get $3)
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
               (local.get $9)
               (local.get $8)
              )
             )
             (v128.store offset=16
              (local.get $3)
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
               (local.tee $9
                (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
                 (local.tee $22
                  (v128.load align=4
                   (i32.add
                    (local.get $1)
                    (local.get $11)
                   )
                  )
                 )
                 (local.tee $17
                  (v128.load align=4
                   (i32.add
                    (local.get $1)
                    (local.get $7)
                   )
                  )
                 )
                )
               )
               (local.tee $8
                (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
                 (local.tee $19
                  (v128.load align=4
                   (i32.add
                    (local.get $1)
                    (local.get $2)
                   )
                  )
                 )
                 (local.tee $15
                  (v128.load align=4
                   (i32.add
                    (local.get $0)
                    (local.get $1)
                   )
                  )
                 )
                )
               )
              )
             )
             (v128.store offset=48
              (local.get $3)
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
               (local.get $9)
               (local.get $8)
              )
             )
             (v128.store offset=80
              (local.get $3)
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
               (local.tee $9
                (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
                 (local.get $22)
                 (local.get $17)
                )
               )
               (local.tee $8
                (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
                 (local.get $19)
                 (local.get $15)
                )
               )
              )
             )
             (v128.store offset=112
              (local.get $3)
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
               (local.get $9)
               (local.get $8)
              )
             )
             (local.set $1
              (i32.add
               (local.get $1)
               (i32.const 16)
              )
             )
             (local.set $3
              (i32.add
               (local.get $3)
               (i32.const 128)
              )
             )
             (local.set $10
              (i32.add
               (local.get $10)
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
              (local.get $4)
              (local.get $10)
             )
            )
            (then
             (f32.store
              (local.get $3)
              (f32.load
               (i32.add
                (local.get $1)
                (local.get $26)
               )
              )
             )
             (f32.store offset=4
              (local.get $3)
              (f32.load
               (i32.add
                (local.get $1)
                (local.get $29)
               )
              )
             )
             (f32.store offset=8
              (local.get $3)
              (f32.load
               (i32.add
                (local.get $1)
                (local.get $16)
               )
              )
             )
             (f32.store offset=12
              (local.get $3)
              (f32.load
               (i32.add
                (local.get $1)
                (local.get $18)
               )
              )
             )
             (f32.store offset=16
              (local.get $3)
              (f32.load
               (i32.add
                (local.get $1)
                (local.get $11)
               )
              )
             )
             (f32.store offset=20
              (local.get $3)
              (f32.load
               (i32.add
                (local.get $1)
                (local.get $7)
               )
              )
             )
             (f32.store offset=24
              (local.get $3)
              (f32.load
               (i32.add
                (local.get $1)
                (local.get $2)
               )
              )
             )
             (f32.store offset=28
              (local.get $3)
              (f32.load
               (i32.add
                (local.get $0)
                (local.get $1)
               )
              )
             )
             (local.set $1
              (i32.add
               (local.get $1)
               (i32.const 4)
              )
             )
             (local.set $3
              (i32.add
               (local.get $3)
               (i32.const 32)
              )
             )
             (local.set $10
              (i32.add
               (local.get $10)
               (i32.const 1)
              )
             )
             (br $l3)
            )
           )
          )
          (local.set $7
           (i32.const 256)
          )
          (local.set $29
           (i32.const 32)
          )
          (local.set $10
           (i32.const 0)
          )
          (loop $l8
           (if
            (i32.eqz
             (i32.ge_s
              (local.get $10)
              (local.get $14)
             )
            )
            (then
             (local.set $16
              (local.tee $0
               (i32.shl
                (i32.add
                 (local.get $6)
                 (local.get $10)
                )
                (i32.const 2)
               )
              )
             )
             (local.set $11
              (i32.add
               (local.get $27)
               (i32.shl
                (i32.mul
                 (local.get $0)
                 (local.get $5)
                )
                (i32.const 2)
               )
              )
             )
             (local.set $0
              (local.get $7)
             )
             (local.set $30
              (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
             )
             (local.set $31
              (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
             )
             (local.set $32
              (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
             )
             (local.set $33
              (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
             )
             (local.set $34
              (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
             )
             (local.set $22
              (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
             )
             (local.set $17
              (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
             )
             (local.set $19
              (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
             )
             (local.set $2
              (i32.const 0)
             )
             (loop $l4
              (if
               (i32.eqz
                (i32.ge_s
                 (local.get $2)
                 (local.get $4)
                )
               )
               (then
                (local.set $30
                 (f32x4.add
                  (f32x4.mul
                   (local.tee $8
                    (v128.load32_splat
                     (local.get $11)
                    )
                   )
                   (local.tee $15
                    (v128.load align=4
                     (local.get $0)
                    )
                   )
                  )
                  (local.get $30)
                 )
                )
                (local.set $31
                 (f32x4.add
                  (f32x4.mul
                   (local.get $8)
                   (local.tee $9
                    (v128.load offset=16 align=4
                     (local.get $0)
                    )
                   )
                  )
                  (local.get $31)
                 )
                )
                (local.set $32
                 (f32x4.add
                  (f32x4.mul
                   (local.tee $8
                    (v128.load32_splat offset=32
                     (local.get $11)
                    )
                   )
                   (local.get $15)
                  )
                  (local.get $32)
                 )
                )
                (local.set $33
                 (f32x4.add
                  (f32x4.mul
                   (local.get $8)
                   (local.get $9)
                  )
                  (local.get $33)
                 )
                )
                (local.set $34
                 (f32x4.add
                  (f32x4.mul
                   (local.tee $8
                    (v128.load32_splat offset=64
                     (local.get $11)
                    )
                   )
                   (local.get $15)
                  )
                  (local.get $34)
                 )
                )
                (local.set $22
                 (f32x4.add
                  (f32x4.mul
                   (local.get $8)
                   (local.get $9)
                  )
                  (local.get $22)
                 )
                )
                (local.set $17
                 (f32x4.add
                  (f32x4.mul
                   (local.tee $8
                    (v128.load32_splat offset=96
                     (local.get $11)
                    )
                   )
                   (local.get $15)
                  )
                  (local.get $17)
                 )
                )
                (local.set $19
                 (f32x4.add
                  (f32x4.mul
                   (local.get $8)
                   (local.get $9)
                  )
                  (local.get $19)
                 )
                )
                (local.set $11
                 (i32.add
                  (local.get $11)
                  (local.get $20)
                 )
                )
                (local.set $0
                 (i32.add
                  (local.get $0)
                  (local.get $29)
                 )
                )
                (local.set $2
                 (i32.add
                  (local.get $2)
                  (i32.const 1)
                 )
                )
                (br $l4)
               )
              )
             )
             (v128.store
              (i32.const 0)
              (local.get $30)
             )
             (v128.store
              (i32.const 16)
              (local.get $31)
             )
             (v128.store
              (i32.const 32)
              (local.get $32)
             )
             (v128.store
              (i32.const 48)
              (local.get $33)
             )
             (v128.store
              (i32.const 64)
              (local.get $34)
             )
             (v128.store
              (i32.const 80)
              (local.get $22)
             )
             (v128.store
              (i32.const 96)
              (local.get $17)
             )
             (v128.store
              (i32.const 112)
              (local.get $19)
             )
             (local.set $2
              (select
               (i32.const 8)
               (local.tee $0
                (i32.sub
                 (local.get $38)
                 (local.get $13)
                )
               )
               (i32.ge_s
                (local.get $0)
                (i32.const 8)
               )
              )
             )
             (local.set $18
              (i32.const 4)
             )
             (local.set $3
              (i32.const 0)
             )
             (loop $l7
              (if
               (i32.eqz
                (i32.ge_s
                 (local.get $3)
                 (local.get $18)
                )
               )
               (then
                (local.set $26
                 (i32.add
                  (local.get $3)
                  (local.get $16)
                 )
                )
                (local.set $0
                 (local.get $2)
                )
                (local.set $1
                 (i32.const 0)
                )
                (loop $l5
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
                       (local.tee $11
                        (i32.add
                         (local.get $1)
                         (local.get $13)
                        )
                       )
                       (i32.mul
                        (local.get $26)
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
                         (local.get $3)
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
                        (local.get $11)
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
                   (br $l5)
                  )
                 )
                )
                (loop $l6
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
                       (local.tee $11
                        (i32.add
                         (local.get $1)
                         (local.get $13)
                        )
                       )
                       (i32.mul
                        (local.get $26)
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
                             (local.get $3)
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
                          (local.get $11)
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
                   (br $l6)
                  )
                 )
                )
                (local.set $3
                 (i32.add
                  (local.get $3)
                  (i32.const 1)
                 )
                )
                (br $l7)
               )
              )
             )
             (local.set $10
              (i32.add
               (local.get $10)
               (i32.const 1)
              )
             )
             (br $l8)
            )
           )
          )
          (local.set $12
           (i32.add
            (local.get $12)
            (i32.const 1)
           )
          )
          (br $l9)
         )
        )
       )
       (local.set $25
        (i32.add
         (local.get $25)
         (i32.const 1)
        )
       )
       (br $l10)
      )
     )
    )
    (drop
     (i32.div_u
      (i32.const 4096)
      (select
       (local.get $4)
       (i32.const 1)
       (local.get $4)
      )
     )
    )
    (local.set $28
     (i32.div_u
      (i32.add
       (i32.sub
        (local.tee $21
         (select
          (i32.const 1)
          (local.tee $0
           (i32.sub
            (local.get $52)
            (i32.shl
             (local.get $36)
             (i32.const 2)
            )
           )
          )
          (i32.le_s
           (local.get $0)
           (i32.const 0)
          )
         )
        )
        (i32.const 1)
       )
       (local.get $0)
      )
      (local.get $21)
     )
    )
    (local.set $25
     (i32.const 0)
    )
    (loop $l21
     (if
      (i32.eqz
       (i32.ge_s
        (local.get $25)
        (local.get $28)
       )
      )
      (then
       (local.set $14
        (select
         (local.get $21)
         (i32.sub
          (local.tee $0
           (i32.sub
            (local.get $52)
            (i32.shl
             (local.get $36)
             (i32.const 2)
            )
           )
          )
          (local.tee $6
           (i32.mul
            (local.get $21)
            (local.get $25)
           )
          )
         )
         (i32.lt_s
          (local.get $21)
          (i32.sub
           (local.get $0)
           (local.get $6)
          )
         )
        )
       )
       (local.set $23
        (i32.shr_u
         (i32.add
          (local.get $38)
          (i32.const 7)
         )
         (i32.const 3)
        )
       )
       (local.set $12
        (i32.const 0)
       )
       (loop $l20
        (if
         (i32.eqz
          (i32.ge_s
           (local.get $12)
           (local.get $23)
          )
         )
         (then
          (local.set $26
           (i32.add
            (local.get $24)
            (i32.shl
             (i32.mul
              (select
               (local.tee $13
                (i32.shl
                 (local.get $12)
                 (i32.const 3)
                )
               )
               (local.tee $0
                (i32.sub
                 (local.get $38)
                 (i32.const 1)
                )
               )
               (i32.gt_s
                (local.get $0)
                (local.get $13)
               )
              )
              (local.get $5)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $29
           (i32.add
            (local.get $24)
            (i32.shl
             (i32.mul
              (select
               (local.tee $2
                (i32.add
                 (local.get $13)
                 (i32.const 1)
                )
               )
               (local.get $0)
               (i32.gt_s
                (local.get $0)
                (local.get $2)
               )
              )
              (local.get $5)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $16
           (i32.add
            (local.get $24)
            (i32.shl
             (i32.mul
              (select
               (local.tee $2
                (i32.add
                 (local.get $13)
                 (i32.const 2)
                )
               )
               (local.get $0)
               (i32.gt_s
                (local.get $0)
                (local.get $2)
               )
              )
              (local.get $5)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $18
           (i32.add
            (local.get $24)
            (i32.shl
             (i32.mul
              (select
               (local.tee $2
                (i32.add
                 (local.get $13)
                 (i32.const 3)
                )
               )
               (local.get $0)
               (i32.gt_s
                (local.get $0)
                (local.get $2)
               )
              )
              (local.get $5)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $11
           (i32.add
            (local.get $24)
            (i32.shl
             (i32.mul
              (select
               (local.tee $2
                (i32.add
                 (local.get $13)
                 (i32.const 4)
                )
               )
               (local.get $0)
               (i32.gt_s
                (local.get $0)
                (local.get $2)
               )
              )
              (local.get $5)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $7
           (i32.add
            (local.get $24)
            (i32.shl
             (i32.mul
              (select
               (local.tee $2
                (i32.add
                 (local.get $13)
                 (i32.const 5)
                )
               )
               (local.get $0)
               (i32.gt_s
                (local.get $0)
                (local.get $2)
               )
              )
              (local.get $5)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $2
           (i32.add
            (local.get $24)
            (i32.shl
             (i32.mul
              (select
               (local.tee $2
                (i32.add
                 (local.get $13)
                 (i32.const 6)
                )
               )
               (local.get $0)
               (i32.gt_s
                (local.get $0)
                (local.get $2)
               )
              )
              (local.get $5)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $0
           (i32.add
            (local.get $24)
            (i32.shl
             (i32.mul
              (select
               (local.tee $1
                (i32.add
                 (local.get $13)
                 (i32.const 7)
                )
               )
               (local.get $0)
               (i32.gt_s
                (local.get $0)
                (local.get $1)
               )
              )
              (local.get $5)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $1
           (i32.const 0)
          )
          (local.set $3
           (i32.const 256)
          )
          (local.set $10
           (i32.const 0)
          )
          (loop $l13
           (if
            (i32.eqz
             (i32.ge_s
              (i32.add
               (local.get $10)
               (i32.const 3)
              )
              (local.get $4)
             )
            )
            (then
             (v128.store
              (local.get $3)
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
               (local.tee $9
                (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
                 (local.tee $22
                  (v128.load align=4
                   (i32.add
                    (local.get $1)
                    (local.get $26)
                   )
                  )
                 )
                 (local.tee $17
                  (v128.load align=4
                   (i32.add
                    (local.get $1)
                    (local.get $29)
                   )
                  )
                 )
                )
               )
               (local.tee $8
                (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
                 (local.tee $19
                  (v128.load align=4
                   (i32.add
                    (local.get $1)
                    (local.get $16)
                   )
                  )
                 )
                 (local.tee $15
                  (v128.load align=4
                   (i32.add
                    (local.get $1)
                    (local.get $18)
                   )
                  )
                 )
                )
               )
              )
             )
             (v128.store offset=32
              (local.get $3)
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
               (local.get $9)
               (local.get $8)
              )
             )
             (v128.store offset=64
              (local.get $3)
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
               (local.tee $9
                (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
                 (local.get $22)
                 (local.get $17)
                )
               )
               (local.tee $8
                (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
                 (local.get $19)
                 (local.get $15)
                )
               )
              )
             )
             (v128.store offset=96
              (local.get $3)
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
               (local.get $9)
               (local.get $8)
              )
             )
             (v128.store offset=16
              (local.get $3)
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
               (local.tee $9
                (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
                 (local.tee $22
                  (v128.load align=4
                   (i32.add
                    (local.get $1)
                    (local.get $11)
                   )
                  )
                 )
                 (local.tee $17
                  (v128.load align=4
                   (i32.add
                    (local.get $1)
                    (local.get $7)
                   )
                  )
                 )
                )
               )
               (local.tee $8
                (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
                 (local.tee $19
                  (v128.load align=4
                   (i32.add
                    (local.get $1)
                    (local.get $2)
                   )
                  )
                 )
                 (local.tee $15
                  (v128.load align=4
                   (i32.add
                    (local.get $0)
                    (local.get $1)
                   )
                  )
                 )
                )
               )
              )
             )
             (v128.store offset=48
              (local.get $3)
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
               (local.get $9)
               (local.get $8)
              )
             )
             (v128.store offset=80
              (local.get $3)
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
               (local.tee $9
                (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
                 (local.get $22)
                 (local.get $17)
                )
               )
               (local.tee $8
                (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
                 (local.get $19)
                 (local.get $15)
                )
               )
              )
             )
             (v128.store offset=112
              (local.get $3)
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
               (local.get $9)
               (local.get $8)
              )
             )
             (local.set $1
              (i32.add
               (local.get $1)
               (i32.const 16)
              )
             )
             (local.set $3
              (i32.add
               (local.get $3)
               (i32.const 128)
              )
             )
             (local.set $10
              (i32.add
               (local.get $10)
               (i32.const 4)
              )
             )
             (br $l13)
            )
           )
          )
          (loop $l14
           (if
            (i32.eqz
             (i32.le_s
              (local.get $4)
              (local.get $10)
             )
            )
            (then
             (f32.store
              (local.get $3)
              (f32.load
               (i32.add
                (local.get $1)
                (local.get $26)
               )
              )
             )
             (f32.store offset=4
              (local.get $3)
              (f32.load
               (i32.add
                (local.get $1)
                (local.get $29)
               )
              )
             )
             (f32.store offset=8
              (local.get $3)
              (f32.load
               (i32.add
                (local.get $1)
                (local.get $16)
               )
              )
             )
             (f32.store offset=12
              (local.get $3)
              (f32.load
               (i32.add
                (local.get $1)
                (local.get $18)
               )
              )
             )
             (f32.store offset=16
              (local.get $3)
              (f32.load
               (i32.add
                (local.get $1)
                (local.get $11)
               )
              )
             )
             (f32.store offset=20
              (local.get $3)
              (f32.load
               (i32.add
                (local.get $1)
                (local.get $7)
               )
              )
             )
             (f32.store offset=24
              (local.get $3)
              (f32.load
               (i32.add
                (local.get $1)
                (local.get $2)
               )
              )
             )
             (f32.store offset=28
              (local.get $3)
              (f32.load
               (i32.add
                (local.get $0)
                (local.get $1)
               )
              )
             )
             (local.set $1
              (i32.add
               (local.get $1)
               (i32.const 4)
              )
             )
             (local.set $3
              (i32.add
               (local.get $3)
               (i32.const 32)
              )
             )
             (local.set $10
              (i32.add
               (local.get $10)
               (i32.const 1)
              )
             )
             (br $l14)
            )
           )
          )
          (local.set $7
           (i32.const 256)
          )
          (local.set $29
           (i32.const 32)
          )
          (local.set $10
           (i32.const 0)
          )
          (loop $l19
           (if
            (i32.eqz
             (i32.ge_s
              (local.get $10)
              (local.get $14)
             )
            )
            (then
             (local.set $16
              (local.tee $0
               (i32.add
                (i32.add
                 (local.get $6)
                 (local.get $10)
                )
                (i32.shl
                 (local.get $36)
                 (i32.const 2)
                )
               )
              )
             )
             (local.set $11
              (i32.add
               (local.get $27)
               (i32.shl
                (i32.mul
                 (local.get $0)
                 (local.get $5)
                )
                (i32.const 2)
               )
              )
             )
             (local.set $0
              (local.get $7)
             )
             (local.set $15
              (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
             )
             (local.set $9
              (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
             )
             (local.set $2
              (i32.const 0)
             )
             (loop $l15
              (if
               (i32.eqz
                (i32.ge_s
                 (local.get $2)
                 (local.get $4)
                )
               )
               (then
                (local.set $15
                 (f32x4.add
                  (f32x4.mul
                   (local.tee $8
                    (v128.load32_splat
                     (local.get $11)
                    )
                   )
                   (v128.load align=4
                    (local.get $0)
                   )
                  )
                  (local.get $15)
                 )
                )
                (local.set $9
                 (f32x4.add
                  (f32x4.mul
                   (local.get $8)
                   (v128.load offset=16 align=4
                    (local.get $0)
                   )
                  )
                  (local.get $9)
                 )
                )
                (local.set $11
                 (i32.add
                  (local.get $11)
                  (local.get $20)
                 )
                )
                (local.set $0
                 (i32.add
                  (local.get $0)
                  (local.get $29)
                 )
                )
                (local.set $2
                 (i32.add
                  (local.get $2)
                  (i32.const 1)
                 )
                )
                (br $l15)
               )
              )
             )
             (v128.store
              (i32.const 0)
              (local.get $15)
             )
             (v128.store
              (i32.const 16)
              (local.get $9)
             )
             (local.set $2
              (select
               (i32.const 8)
               (local.tee $0
                (i32.sub
                 (local.get $38)
                 (local.get $13)
                )
               )
               (i32.ge_s
                (local.get $0)
                (i32.const 8)
               )
              )
             )
             (local.set $18
              (i32.const 1)
             )
             (local.set $3
              (i32.const 0)
             )
             (loop $l18
              (if
               (i32.eqz
                (i32.ge_s
                 (local.get $3)
                 (local.get $18)
                )
               )
               (then
                (local.set $26
                 (i32.add
                  (local.get $3)
                  (local.get $16)
                 )
                )
                (local.set $0
                 (local.get $2)
                )
                (local.set $1
                 (i32.const 0)
                )
                (loop $l16
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
                       (local.tee $11
                        (i32.add
                         (local.get $1)
                         (local.get $13)
                        )
                       )
                       (i32.mul
                        (local.get $26)
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
                         (local.get $3)
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
                        (local.get $11)
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
                   (br $l16)
                  )
                 )
                )
                (loop $l17
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
                       (local.tee $11
                        (i32.add
                         (local.get $1)
                         (local.get $13)
                        )
                       )
                       (i32.mul
                        (local.get $26)
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
                             (local.get $3)
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
                          (local.get $11)
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
                   (br $l17)
                  )
                 )
                )
                (local.set $3
                 (i32.add
                  (local.get $3)
                  (i32.const 1)
                 )
                )
                (br $l18)
               )
              )
             )
             (local.set $10
              (i32.add
               (local.get $10)
               (i32.const 1)
              )
             )
             (br $l19)
            )
           )
          )
          (local.set $12
           (i32.add
            (local.get $12)
            (i32.const 1)
           )
          )
          (br $l20)
         )
        )
       )
       (local.set $25
        (i32.add
         (local.get $25)
         (i32.const 1)
        )
       )
       (br $l21)
      )
     )
    )
   )
   (else
    (local.set $10
     (i32.const 3)
    )
    (local.set $0
     (block (result i32)
      (local.set $23
       (i32.const 8)
      )
      (i32.const 2)
     )
    )
    (local.set $26
     (global.get $forward.s5)
    )
    (local.set $21
     (global.get $forward.s3)
    )
    (local.set $11
     (local.tee $29
      (i32.div_s
       (local.tee $18
        (global.get $d.batch)
       )
       (i32.const 2)
      )
     )
    )
    (loop $l28
     (if
      (i32.eqz
       (i32.ge_s
        (local.get $5)
        (local.get $11)
       )
      )
      (then
       (local.set $28
        (i32.shl
         (local.get $5)
         (i32.const 1)
        )
       )
       (local.set $13
        (i32.shr_u
         (i32.add
          (local.get $10)
          (i32.const 3)
         )
         (i32.const 2)
        )
       )
       (local.set $27
        (i32.const 0)
       )
       (loop $l27
        (if
         (i32.eqz
          (i32.le_s
           (local.get $13)
           (local.get $27)
          )
         )
         (then
          (local.set $25
           (i32.add
            (local.get $26)
            (i32.shl
             (i32.mul
              (local.get $23)
              (local.get $28)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $12
           (i32.add
            (local.get $26)
            (i32.shl
             (i32.mul
              (i32.add
               (local.get $28)
               (i32.const 1)
              )
              (local.get $23)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $6
           (i32.add
            (local.get $21)
            (i32.shl
             (i32.mul
              (select
               (local.tee $2
                (i32.shl
                 (local.get $27)
                 (i32.const 2)
                )
               )
               (local.tee $4
                (i32.sub
                 (local.get $10)
                 (i32.const 1)
                )
               )
               (i32.lt_s
                (local.get $2)
                (local.get $4)
               )
              )
              (local.get $23)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $16
           (i32.add
            (local.get $21)
            (i32.shl
             (i32.mul
              (select
               (local.tee $7
                (i32.add
                 (local.get $2)
                 (i32.const 1)
                )
               )
               (local.get $4)
               (i32.gt_s
                (local.get $4)
                (local.get $7)
               )
              )
              (local.get $23)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $7
           (i32.add
            (local.get $21)
            (i32.shl
             (i32.mul
              (select
               (local.tee $7
                (i32.add
                 (local.get $2)
                 (i32.const 2)
                )
               )
               (local.get $4)
               (i32.gt_s
                (local.get $4)
                (local.get $7)
               )
              )
              (local.get $23)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $14
           (i32.add
            (local.get $21)
            (i32.shl
             (i32.mul
              (select
               (local.tee $20
                (i32.add
                 (local.get $2)
                 (i32.const 3)
                )
               )
               (local.get $4)
               (i32.gt_s
                (local.get $4)
                (local.get $20)
               )
              )
              (local.get $23)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $39
           (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
          )
          (local.set $40
           (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
          )
          (local.set $30
           (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
          )
          (local.set $31
           (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
          )
          (local.set $32
           (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
          )
          (local.set $33
           (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
          )
          (local.set $34
           (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
          )
          (local.set $22
           (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
          )
          (local.set $4
           (i32.const 0)
          )
          (loop $l22
           (if
            (i32.eqz
             (i32.le_s
              (local.get $0)
              (local.get $4)
             )
            )
            (then
             (local.set $39
              (f32x4.add
               (f32x4.mul
                (local.tee $8
                 (v128.load align=4
                  (local.get $25)
                 )
                )
                (local.tee $19
                 (v128.load align=4
                  (local.get $6)
                 )
                )
               )
               (local.get $39)
              )
             )
             (local.set $40
              (f32x4.add
               (f32x4.mul
                (local.get $8)
                (local.tee $15
                 (v128.load align=4
                  (local.get $16)
                 )
                )
               )
               (local.get $40)
              )
             )
             (local.set $30
              (f32x4.add
               (f32x4.mul
                (local.get $8)
                (local.tee $9
                 (v128.load align=4
                  (local.get $7)
                 )
                )
               )
               (local.get $30)
              )
             )
             (local.set $31
              (f32x4.add
               (f32x4.mul
                (local.get $8)
                (local.tee $8
                 (v128.load align=4
                  (local.get $14)
                 )
                )
               )
               (local.get $31)
              )
             )
             (local.set $32
              (f32x4.add
               (f32x4.mul
                (local.tee $17
                 (v128.load align=4
                  (local.get $12)
                 )
                )
                (local.get $19)
               )
               (local.get $32)
              )
             )
             (local.set $33
              (f32x4.add
               (f32x4.mul
                (local.get $17)
                (local.get $15)
               )
               (local.get $33)
              )
             )
             (local.set $34
              (f32x4.add
               (f32x4.mul
                (local.get $17)
                (local.get $9)
               )
               (local.get $34)
              )
             )
             (local.set $22
              (f32x4.add
               (f32x4.mul
                (local.get $17)
                (local.get $8)
               )
               (local.get $22)
              )
             )
             (local.set $25
              (i32.add
               (local.get $25)
               (i32.const 16)
              )
             )
             (local.set $12
              (i32.add
               (local.get $12)
               (i32.const 16)
              )
             )
             (local.set $6
              (i32.add
               (local.get $6)
               (i32.const 16)
              )
             )
             (local.set $16
              (i32.add
               (local.get $16)
               (i32.const 16)
              )
             )
             (local.set $7
              (i32.add
               (local.get $7)
               (i32.const 16)
              )
             )
             (local.set $14
              (i32.add
               (local.get $14)
               (i32.const 16)
              )
             )
             (local.set $4
              (i32.add
               (local.get $4)
               (i32.const 1)
              )
             )
             (br $l22)
            )
           )
          )
          (local.set $44
           (f32.add
            (f32.add
             (f32x4.extract_lane 0
              (local.get $39)
             )
             (f32x4.extract_lane 1
              (local.get $39)
             )
            )
            (f32.add
             (f32x4.extract_lane 2
              (local.get $39)
             )
             (f32x4.extract_lane 3
              (local.get $39)
             )
            )
           )
          )
          (local.set $45
           (f32.add
            (f32.add
             (f32x4.extract_lane 0
              (local.get $40)
             )
             (f32x4.extract_lane 1
              (local.get $40)
             )
            )
            (f32.add
             (f32x4.extract_lane 2
              (local.get $40)
             )
             (f32x4.extract_lane 3
              (local.get $40)
             )
            )
           )
          )
          (local.set $46
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
          (local.set $47
           (f32.add
            (f32.add
             (f32x4.extract_lane 0
              (local.get $31)
             )
             (f32x4.extract_lane 1
              (local.get $31)
             )
            )
            (f32.add
             (f32x4.extract_lane 2
              (local.get $31)
             )
             (f32x4.extract_lane 3
              (local.get $31)
             )
            )
           )
          )
          (local.set $48
           (f32.add
            (f32.add
             (f32x4.extract_lane 0
              (local.get $32)
             )
             (f32x4.extract_lane 1
              (local.get $32)
             )
            )
            (f32.add
             (f32x4.extract_lane 2
              (local.get $32)
             )
             (f32x4.extract_lane 3
              (local.get $32)
             )
            )
           )
          )
          (local.set $49
           (f32.add
            (f32.add
             (f32x4.extract_lane 0
              (local.get $33)
             )
             (f32x4.extract_lane 1
              (local.get $33)
             )
            )
            (f32.add
             (f32x4.extract_lane 2
              (local.get $33)
             )
             (f32x4.extract_lane 3
              (local.get $33)
             )
            )
           )
          )
          (local.set $50
           (f32.add
            (f32.add
             (f32x4.extract_lane 0
              (local.get $34)
             )
             (f32x4.extract_lane 1
              (local.get $34)
             )
            )
            (f32.add
             (f32x4.extract_lane 2
              (local.get $34)
             )
             (f32x4.extract_lane 3
              (local.get $34)
             )
            )
           )
          )
          (local.set $51
           (f32.add
            (f32.add
             (f32x4.extract_lane 0
              (local.get $22)
             )
             (f32x4.extract_lane 1
              (local.get $22)
             )
            )
            (f32.add
             (f32x4.extract_lane 2
              (local.get $22)
             )
             (f32x4.extract_lane 3
              (local.get $22)
             )
            )
           )
          )
          (local.set $4
           (i32.and
            (local.get $23)
            (i32.const 3)
           )
          )
          (local.set $20
           (i32.const 0)
          )
          (loop $l23
           (if
            (i32.eqz
             (i32.le_s
              (local.get $4)
              (local.get $20)
             )
            )
            (then
             (local.set $44
              (f32.add
               (local.get $44)
               (f32.mul
                (local.tee $35
                 (f32.load
                  (local.get $25)
                 )
                )
                (local.tee $41
                 (f32.load
                  (local.get $6)
                 )
                )
               )
              )
             )
             (local.set $45
              (f32.add
               (local.get $45)
               (f32.mul
                (local.get $35)
                (local.tee $42
                 (f32.load
                  (local.get $16)
                 )
                )
               )
              )
             )
             (local.set $46
              (f32.add
               (local.get $46)
               (f32.mul
                (local.get $35)
                (local.tee $43
                 (f32.load
                  (local.get $7)
                 )
                )
               )
              )
             )
             (local.set $47
              (f32.add
               (local.get $47)
               (f32.mul
                (local.get $35)
                (local.tee $35
                 (f32.load
                  (local.get $14)
                 )
                )
               )
              )
             )
             (local.set $48
              (f32.add
               (local.get $48)
               (f32.mul
                (local.tee $37
                 (f32.load
                  (local.get $12)
                 )
                )
                (local.get $41)
               )
              )
             )
             (local.set $49
              (f32.add
               (local.get $49)
               (f32.mul
                (local.get $37)
                (local.get $42)
               )
              )
             )
             (local.set $50
              (f32.add
               (local.get $50)
               (f32.mul
                (local.get $37)
                (local.get $43)
               )
              )
             )
             (local.set $51
              (f32.add
               (local.get $51)
               (f32.mul
                (local.get $37)
                (local.get $35)
               )
              )
             )
             (local.set $25
              (i32.add
               (local.get $25)
               (i32.const 4)
              )
             )
             (local.set $12
              (i32.add
               (local.get $12)
               (i32.const 4)
              )
             )
             (local.set $6
              (i32.add
               (local.get $6)
               (i32.const 4)
              )
             )
             (local.set $16
              (i32.add
               (local.get $16)
               (i32.const 4)
              )
             )
             (local.set $7
              (i32.add
               (local.get $7)
               (i32.const 4)
              )
             )
             (local.set $14
              (i32.add
               (local.get $14)
               (i32.const 4)
              )
             )
             (local.set $20
              (i32.add
               (local.get $20)
               (i32.const 1)
              )
             )
             (br $l23)
            )
           )
          )
          (f32.store
           (i32.const 0)
           (local.get $44)
          )
          (f32.store
           (i32.const 4)
           (local.get $45)
          )
          (f32.store
           (i32.const 8)
           (local.get $46)
          )
          (f32.store
           (i32.const 12)
           (local.get $47)
          )
          (f32.store
           (i32.const 32)
           (local.get $48)
          )
          (f32.store
           (i32.const 36)
           (local.get $49)
          )
          (f32.store
           (i32.const 40)
           (local.get $50)
          )
          (f32.store
           (i32.const 44)
           (local.get $51)
          )
          (local.set $20
           (select
            (i32.const 4)
            (local.tee $4
             (i32.sub
              (local.get $10)
              (local.get $2)
             )
            )
            (i32.ge_s
             (local.get $4)
             (i32.const 4)
            )
           )
          )
          (local.set $7
           (i32.const 2)
          )
          (local.set $6
           (i32.const 0)
          )
          (loop $l26
           (if
            (i32.eqz
             (i32.ge_s
              (local.get $6)
              (local.get $7)
             )
            )
            (then
             (local.set $16
              (i32.add
               (local.get $6)
               (local.get $28)
              )
             )
             (local.set $4
              (local.get $20)
             )
             (local.set $12
              (i32.const 0)
             )
             (loop $l24
              (if
               (i32.eqz
                (i32.ge_s
                 (i32.add
                  (local.get $12)
                  (i32.const 3)
                 )
                 (local.get $4)
                )
               )
               (then
                (v128.store align=4
                 (i32.add
                  (global.get $forward.s6)
                  (i32.shl
                   (i32.add
                    (local.tee $14
                     (i32.add
                      (local.get $2)
                      (local.get $12)
                     )
                    )
                    (i32.mul
                     (local.get $16)
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
                      (local.get $6)
                      (i32.const 3)
                     )
                     (local.get $12)
                    )
                    (i32.const 2)
                   )
                  )
                  (v128.load align=4
                   (i32.add
                    (global.get $forward.s4)
                    (i32.shl
                     (local.get $14)
                     (i32.const 2)
                    )
                   )
                  )
                 )
                )
                (local.set $12
                 (i32.add
                  (local.get $12)
                  (i32.const 4)
                 )
                )
                (br $l24)
               )
              )
             )
             (loop $l25
              (if
               (i32.eqz
                (i32.le_s
                 (local.get $4)
                 (local.get $12)
                )
               )
               (then
                (f32.store
                 (i32.add
                  (global.get $forward.s6)
                  (i32.shl
                   (i32.add
                    (local.tee $14
                     (i32.add
                      (local.get $2)
                      (local.get $12)
                     )
                    )
                    (i32.mul
                     (local.get $16)
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
                          (local.get $6)
                          (i32.const 3)
                         )
                         (local.get $12)
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
                       (local.get $14)
                       (i32.const 2)
                      )
                     )
                    )
                   )
                  )
                 )
                )
                (local.set $12
                 (i32.add
                  (local.get $12)
                  (i32.const 1)
                 )
                )
                (br $l25)
               )
              )
             )
             (local.set $6
              (i32.add
               (local.get $6)
               (i32.const 1)
              )
             )
             (br $l26)
            )
           )
          )
          (local.set $27
           (i32.add
            (local.get $27)
            (i32.const 1)
           )
          )
          (br $l27)
         )
        )
       )
       (local.set $5
        (i32.add
         (local.get $5)
         (i32.const 1)
        )
       )
       (br $l28)
      )
     )
    )
    (local.set $11
     (i32.sub
      (local.get $18)
      (i32.shl
       (local.get $29)
       (i32.const 1)
      )
     )
    )
    (local.set $27
     (i32.const 0)
    )
    (loop $l35
     (if
      (i32.eqz
       (i32.le_s
        (local.get $11)
        (local.get $27)
       )
      )
      (then
       (local.set $16
        (i32.add
         (i32.shl
          (local.get $29)
          (i32.const 1)
         )
         (local.get $27)
        )
       )
       (local.set $13
        (i32.shr_u
         (i32.add
          (local.get $10)
          (i32.const 3)
         )
         (i32.const 2)
        )
       )
       (local.set $28
        (i32.const 0)
       )
       (loop $l34
        (if
         (i32.eqz
          (i32.le_s
           (local.get $13)
           (local.get $28)
          )
         )
         (then
          (local.set $6
           (i32.add
            (local.get $26)
            (i32.shl
             (i32.mul
              (local.get $16)
              (local.get $23)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $5
           (i32.add
            (local.get $21)
            (i32.shl
             (i32.mul
              (select
               (local.tee $2
                (i32.shl
                 (local.get $28)
                 (i32.const 2)
                )
               )
               (local.tee $4
                (i32.sub
                 (local.get $10)
                 (i32.const 1)
                )
               )
               (i32.lt_s
                (local.get $2)
                (local.get $4)
               )
              )
              (local.get $23)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $18
           (i32.add
            (local.get $21)
            (i32.shl
             (i32.mul
              (select
               (local.tee $7
                (i32.add
                 (local.get $2)
                 (i32.const 1)
                )
               )
               (local.get $4)
               (i32.gt_s
                (local.get $4)
                (local.get $7)
               )
              )
              (local.get $23)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $7
           (i32.add
            (local.get $21)
            (i32.shl
             (i32.mul
              (select
               (local.tee $7
                (i32.add
                 (local.get $2)
                 (i32.const 2)
                )
               )
               (local.get $4)
               (i32.gt_s
                (local.get $4)
                (local.get $7)
               )
              )
              (local.get $23)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $14
           (i32.add
            (local.get $21)
            (i32.shl
             (i32.mul
              (select
               (local.tee $20
                (i32.add
                 (local.get $2)
                 (i32.const 3)
                )
               )
               (local.get $4)
               (i32.gt_s
                (local.get $4)
                (local.get $20)
               )
              )
              (local.get $23)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $17
           (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
          )
          (local.set $19
           (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
          )
          (local.set $15
           (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
          )
          (local.set $9
           (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
          )
          (local.set $4
           (i32.const 0)
          )
          (loop $l29
           (if
            (i32.eqz
             (i32.le_s
              (local.get $0)
              (local.get $4)
             )
            )
            (then
             (local.set $17
              (f32x4.add
               (f32x4.mul
                (local.tee $8
                 (v128.load align=4
                  (local.get $6)
                 )
                )
                (v128.load align=4
                 (local.get $5)
                )
               )
               (local.get $17)
              )
             )
             (local.set $19
              (f32x4.add
               (f32x4.mul
                (local.get $8)
                (v128.load align=4
                 (local.get $18)
                )
               )
               (local.get $19)
              )
             )
             (local.set $15
              (f32x4.add
               (f32x4.mul
                (local.get $8)
                (v128.load align=4
                 (local.get $7)
                )
               )
               (local.get $15)
              )
             )
             (local.set $9
              (f32x4.add
               (f32x4.mul
                (local.get $8)
                (v128.load align=4
                 (local.get $14)
                )
               )
               (local.get $9)
              )
             )
             (local.set $6
              (i32.add
               (local.get $6)
               (i32.const 16)
              )
             )
             (local.set $5
              (i32.add
               (local.get $5)
               (i32.const 16)
              )
             )
             (local.set $18
              (i32.add
               (local.get $18)
               (i32.const 16)
              )
             )
             (local.set $7
              (i32.add
               (local.get $7)
               (i32.const 16)
              )
             )
             (local.set $14
              (i32.add
               (local.get $14)
               (i32.const 16)
              )
             )
             (local.set $4
              (i32.add
               (local.get $4)
               (i32.const 1)
              )
             )
             (br $l29)
            )
           )
          )
          (local.set $37
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
          (local.set $41
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
          (local.set $42
           (f32.add
            (f32.add
             (f32x4.extract_lane 0
              (local.get $15)
             )
             (f32x4.extract_lane 1
              (local.get $15)
             )
            )
            (f32.add
             (f32x4.extract_lane 2
              (local.get $15)
             )
             (f32x4.extract_lane 3
              (local.get $15)
             )
            )
           )
          )
          (local.set $43
           (f32.add
            (f32.add
             (f32x4.extract_lane 0
              (local.get $9)
             )
             (f32x4.extract_lane 1
              (local.get $9)
             )
            )
            (f32.add
             (f32x4.extract_lane 2
              (local.get $9)
             )
             (f32x4.extract_lane 3
              (local.get $9)
             )
            )
           )
          )
          (local.set $4
           (i32.and
            (local.get $23)
            (i32.const 3)
           )
          )
          (local.set $20
           (i32.const 0)
          )
          (loop $l30
           (if
            (i32.eqz
             (i32.le_s
              (local.get $4)
              (local.get $20)
             )
            )
            (then
             (local.set $37
              (f32.add
               (local.get $37)
               (f32.mul
                (local.tee $35
                 (f32.load
                  (local.get $6)
                 )
                )
                (f32.load
                 (local.get $5)
                )
               )
              )
             )
             (local.set $41
              (f32.add
               (local.get $41)
               (f32.mul
                (local.get $35)
                (f32.load
                 (local.get $18)
                )
               )
              )
             )
             (local.set $42
              (f32.add
               (local.get $42)
               (f32.mul
                (local.get $35)
                (f32.load
                 (local.get $7)
                )
               )
              )
             )
             (local.set $43
              (f32.add
               (local.get $43)
               (f32.mul
                (local.get $35)
                (f32.load
                 (local.get $14)
                )
               )
              )
             )
             (local.set $6
              (i32.add
               (local.get $6)
               (i32.const 4)
              )
             )
             (local.set $5
              (i32.add
               (local.get $5)
               (i32.const 4)
              )
             )
             (local.set $18
              (i32.add
               (local.get $18)
               (i32.const 4)
              )
             )
             (local.set $7
              (i32.add
               (local.get $7)
               (i32.const 4)
              )
             )
             (local.set $14
              (i32.add
               (local.get $14)
               (i32.const 4)
              )
             )
             (local.set $20
              (i32.add
               (local.get $20)
               (i32.const 1)
              )
             )
             (br $l30)
            )
           )
          )
          (f32.store
           (i32.const 0)
           (local.get $37)
          )
          (f32.store
           (i32.const 4)
           (local.get $41)
          )
          (f32.store
           (i32.const 8)
           (local.get $42)
          )
          (f32.store
           (i32.const 12)
           (local.get $43)
          )
          (local.set $20
           (select
            (i32.const 4)
            (local.tee $4
             (i32.sub
              (local.get $10)
              (local.get $2)
             )
            )
            (i32.ge_s
             (local.get $4)
             (i32.const 4)
            )
           )
          )
          (local.set $7
           (i32.const 1)
          )
          (local.set $5
           (i32.const 0)
          )
          (loop $l33
           (if
            (i32.eqz
             (i32.ge_s
              (local.get $5)
              (local.get $7)
             )
            )
            (then
             (local.set $18
              (i32.add
               (local.get $5)
               (local.get $16)
              )
             )
             (local.set $4
              (local.get $20)
             )
             (local.set $6
              (i32.const 0)
             )
             (loop $l31
              (if
               (i32.eqz
                (i32.ge_s
                 (i32.add
                  (local.get $6)
                  (i32.const 3)
                 )
                 (local.get $4)
                )
               )
               (then
                (v128.store align=4
                 (i32.add
                  (global.get $forward.s6)
                  (i32.shl
                   (i32.add
                    (local.tee $14
                     (i32.add
                      (local.get $2)
                      (local.get $6)
                     )
                    )
                    (i32.mul
                     (local.get $18)
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
                      (local.get $5)
                      (i32.const 3)
                     )
                     (local.get $6)
                    )
                    (i32.const 2)
                   )
                  )
                  (v128.load align=4
                   (i32.add
                    (global.get $forward.s4)
                    (i32.shl
                     (local.get $14)
                     (i32.const 2)
                    )
                   )
                  )
                 )
                )
                (local.set $6
                 (i32.add
                  (local.get $6)
                  (i32.const 4)
                 )
                )
                (br $l31)
               )
              )
             )
             (loop $l32
              (if
               (i32.eqz
                (i32.le_s
                 (local.get $4)
                 (local.get $6)
                )
               )
               (then
                (f32.store
                 (i32.add
                  (global.get $forward.s6)
                  (i32.shl
                   (i32.add
                    (local.tee $14
                     (i32.add
                      (local.get $2)
                      (local.get $6)
                     )
                    )
                    (i32.mul
                     (local.get $18)
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
                          (local.get $5)
                          (i32.const 3)
                         )
                         (local.get $6)
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
                       (local.get $14)
                       (i32.const 2)
                      )
                     )
                    )
                   )
                  )
                 )
                )
                (local.set $6
                 (i32.add
                  (local.get $6)
                  (i32.const 1)
                 )
                )
                (br $l32)
               )
              )
             )
             (local.set $5
              (i32.add
               (local.get $5)
               (i32.const 1)
              )
             )
             (br $l33)
            )
           )
          )
          (local.set $28
           (i32.add
            (local.get $28)
            (i32.const 1)
           )
          )
          (br $l34)
         )
        )
       )
       (local.set $27
        (i32.add
         (local.get $27)
         (i32.const 1)
        )
       )
       (br $l35)
      )
     )
    )
   )
  )
 )
 (func $forward
  (call $forward.k0_relu)
  (call $forward.k1_add)
 )
)
