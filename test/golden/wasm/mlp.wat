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
  (local $10 v128)
  (local $11 v128)
  (local $12 i32)
  (local $13 i32)
  (local $14 v128)
  (local $15 v128)
  (local $16 i32)
  (local $17 i32)
  (local $18 i32)
  (local $19 i32)
  (local $20 v128)
  (local $21 i32)
  (local $22 v128)
  (local $23 v128)
  (local $24 v128)
  (local $25 v128)
  (local $26 i32)
  (local $27 v128)
  (local $28 v128)
  (local $29 f32)
  (local $30 f32)
  (local $31 f32)
  (local $32 f32)
  (local $33 f32)
  (local $34 f32)
  (local $35 i32)
  (local $36 i32)
  (local $37 i32)
  (local $38 i32)
  (local $39 i32)
  (local $40 i32)
  (local $41 i32)
  (local $42 f32)
  (local $43 f32)
  (local $44 f32)
  (local $45 v128)
  (local $46 v128)
  (local $47 f32)
  (local $48 f32)
  (local $49 f32)
  (local $50 f32)
  (if
   (i32.ge_s
    (global.get $d.batch)
    (i32.const 16)
   )
   (then
    (local.set $4
     (i32.const 8)
    )
    (local.set $35
     (global.get $forward.s1)
    )
    (local.set $26
     (global.get $forward.s0)
    )
    (local.set $17
     (i32.const 4)
    )
    (local.set $36
     (i32.div_u
      (i32.add
       (i32.sub
        (local.tee $5
         (select
          (i32.const 1)
          (local.tee $18
           (i32.div_s
            (local.tee $7
             (global.get $d.batch)
            )
            (i32.const 4)
           )
          )
          (i32.le_s
           (local.get $18)
           (i32.const 0)
          )
         )
        )
        (i32.const 1)
       )
       (local.get $18)
      )
      (local.get $5)
     )
    )
    (loop $l10
     (if
      (i32.eqz
       (i32.ge_s
        (local.get $21)
        (local.get $36)
       )
      )
      (then
       (local.set $8
        (select
         (local.get $5)
         (i32.sub
          (local.get $18)
          (local.tee $12
           (i32.mul
            (local.get $5)
            (local.get $21)
           )
          )
         )
         (i32.lt_s
          (local.get $5)
          (i32.sub
           (local.get $18)
           (local.get $12)
          )
         )
        )
       )
       (local.set $37
        (i32.shr_u
         (i32.add
          (local.get $4)
          (i32.const 7)
         )
         (i32.const 3)
        )
       )
       (local.set $19
        (i32.const 0)
       )
       (loop $l9
        (if
         (i32.eqz
          (i32.ge_s
           (local.get $19)
           (local.get $37)
          )
         )
         (then
          (local.set $6
           (i32.shl
            (local.get $19)
            (i32.const 3)
           )
          )
          (local.set $2
           (i32.const 8)
          )
          (local.set $9
           (i32.const 0)
          )
          (loop $l3
           (if
            (i32.eqz
             (i32.le_s
              (local.get $2)
              (local.get $9)
             )
            )
            (then
             (local.set $3
              (i32.add
               (local.get $35)
               (i32.shl
                (i32.mul
                 (select
                  (local.tee $1
                   (i32.add
                    (local.get $6)
                    (local.get $9)
                   )
                  )
                  (local.tee $0
                   (i32.sub
                    (local.get $4)
                    (i32.const 1)
                   )
                  )
                  (i32.gt_s
                   (local.get $0)
                   (local.get $1)
                  )
                 )
                 (local.get $17)
                )
                (i32.const 2)
               )
              )
             )
             (local.set $1
              (local.get $17)
             )
             (local.set $0
              (i32.const 0)
             )
             (loop $l2
              (if
               (i32.eqz
                (i32.ge_s
                 (local.get $0)
                 (local.get $1)
                )
               )
               (then
                (f32.store
                 (i32.add
                  (i32.shl
                   (i32.add
                    (i32.shl
                     (local.get $0)
                     (i32.const 3)
                    )
                    (local.get $9)
                   )
                   (i32.const 2)
                  )
                  (i32.const 256)
                 )
                 (f32.load
                  (local.get $3)
                 )
                )
                (local.set $3
                 (i32.add
                  (local.get $3)
                  (local.get $17)
                 )
                )
                (local.set $0
                 (i32.add
                  (local.get $0)
                  (i32.const 1)
                 )
                )
                (br $l2)
               )
              )
             )
             (local.set $9
              (i32.add
               (local.get $9)
               (i32.const 1)
              )
             )
             (br $l3)
            )
           )
          )
          (local.set $9
           (i32.const 256)
          )
          (local.set $38
           (i32.const 32)
          )
          (local.set $13
           (i32.const 0)
          )
          (loop $l8
           (if
            (i32.eqz
             (i32.le_s
              (local.get $8)
              (local.get $13)
             )
            )
            (then
             (local.set $39
              (local.tee $1
               (i32.shl
                (i32.add
                 (local.get $12)
                 (local.get $13)
                )
                (i32.const 2)
               )
              )
             )
             (local.set $2
              (i32.add
               (local.get $26)
               (i32.shl
                (i32.mul
                 (local.get $1)
                 (local.get $17)
                )
                (i32.const 2)
               )
              )
             )
             (local.set $1
              (local.get $9)
             )
             (local.set $10
              (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
             )
             (local.set $11
              (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
             )
             (local.set $14
              (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
             )
             (local.set $15
              (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
             )
             (local.set $20
              (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
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
             (local.set $3
              (local.tee $0
               (local.get $17)
              )
             )
             (local.set $16
              (i32.const 0)
             )
             (loop $l4
              (if
               (i32.eqz
                (i32.le_s
                 (local.get $3)
                 (local.get $16)
                )
               )
               (then
                (local.set $10
                 (f32x4.add
                  (f32x4.mul
                   (local.tee $27
                    (v128.load32_splat
                     (local.get $2)
                    )
                   )
                   (local.tee $22
                    (v128.load align=4
                     (local.get $1)
                    )
                   )
                  )
                  (local.get $10)
                 )
                )
                (local.set $11
                 (f32x4.add
                  (f32x4.mul
                   (local.get $27)
                   (local.tee $27
                    (v128.load offset=16 align=4
                     (local.get $1)
                    )
                   )
                  )
                  (local.get $11)
                 )
                )
                (local.set $14
                 (f32x4.add
                  (f32x4.mul
                   (local.tee $28
                    (v128.load32_splat offset=16
                     (local.get $2)
                    )
                   )
                   (local.get $22)
                  )
                  (local.get $14)
                 )
                )
                (local.set $15
                 (f32x4.add
                  (f32x4.mul
                   (local.get $28)
                   (local.get $27)
                  )
                  (local.get $15)
                 )
                )
                (local.set $20
                 (f32x4.add
                  (f32x4.mul
                   (local.tee $28
                    (v128.load32_splat offset=32
                     (local.get $2)
                    )
                   )
                   (local.get $22)
                  )
                  (local.get $20)
                 )
                )
                (local.set $23
                 (f32x4.add
                  (f32x4.mul
                   (local.get $28)
                   (local.get $27)
                  )
                  (local.get $23)
                 )
                )
                (local.set $24
                 (f32x4.add
                  (f32x4.mul
                   (local.tee $28
                    (v128.load32_splat offset=48
                     (local.get $2)
                    )
                   )
                   (local.get $22)
                  )
                  (local.get $24)
                 )
                )
                (local.set $25
                 (f32x4.add
                  (f32x4.mul
                   (local.get $28)
                   (local.get $27)
                  )
                  (local.get $25)
                 )
                )
                (local.set $2
                 (i32.add
                  (local.get $0)
                  (local.get $2)
                 )
                )
                (local.set $1
                 (i32.add
                  (local.get $1)
                  (local.get $38)
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
              (local.get $10)
             )
             (v128.store
              (i32.const 16)
              (local.get $11)
             )
             (v128.store
              (i32.const 32)
              (local.get $14)
             )
             (v128.store
              (i32.const 48)
              (local.get $15)
             )
             (v128.store
              (i32.const 64)
              (local.get $20)
             )
             (v128.store
              (i32.const 80)
              (local.get $23)
             )
             (v128.store
              (i32.const 96)
              (local.get $24)
             )
             (v128.store
              (i32.const 112)
              (local.get $25)
             )
             (local.set $1
              (select
               (i32.const 8)
               (local.tee $1
                (i32.sub
                 (local.get $4)
                 (local.get $6)
                )
               )
               (i32.ge_s
                (local.get $1)
                (i32.const 8)
               )
              )
             )
             (local.set $40
              (i32.const 4)
             )
             (local.set $2
              (i32.const 0)
             )
             (loop $l7
              (if
               (i32.eqz
                (i32.ge_s
                 (local.get $2)
                 (local.get $40)
                )
               )
               (then
                (local.set $16
                 (i32.add
                  (local.get $2)
                  (local.get $39)
                 )
                )
                (local.set $3
                 (i32.const 0)
                )
                (loop $l5
                 (if
                  (i32.eqz
                   (i32.ge_s
                    (i32.add
                     (local.get $3)
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
                         (local.get $3)
                         (local.get $6)
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
                           (local.get $2)
                           (i32.const 3)
                          )
                          (local.get $3)
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
                   (local.set $3
                    (i32.add
                     (local.get $3)
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
                    (local.get $3)
                   )
                  )
                  (then
                   (f32.store
                    (i32.add
                     (global.get $forward.s5)
                     (i32.shl
                      (i32.add
                       (local.tee $41
                        (i32.add
                         (local.get $3)
                         (local.get $6)
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
                                (local.get $2)
                                (i32.const 3)
                               )
                               (local.get $3)
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
                             (local.get $41)
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
                   (local.set $3
                    (i32.add
                     (local.get $3)
                     (i32.const 1)
                    )
                   )
                   (br $l6)
                  )
                 )
                )
                (local.set $2
                 (i32.add
                  (local.get $2)
                  (i32.const 1)
                 )
                )
                (br $l7)
               )
              )
             )
             (local.set $13
              (i32.add
               (local.get $13)
               (i32.const 1)
              )
             )
             (br $l8)
            )
           )
          )
          (local.set $19
           (i32.add
            (local.get $19)
            (i32.const 1)
           )
          )
          (br $l9)
         )
        )
       )
       (local.set $21
        (i32.add
         (local.get $21)
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
       (local.get $17)
       (i32.const 1)
       (local.get $17)
      )
     )
    )
    (local.set $36
     (i32.div_u
      (i32.add
       (i32.sub
        (local.tee $5
         (select
          (i32.const 1)
          (local.tee $1
           (i32.sub
            (local.get $7)
            (i32.shl
             (local.get $18)
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
      (local.get $5)
     )
    )
    (local.set $21
     (i32.const 0)
    )
    (loop $l21
     (if
      (i32.eqz
       (i32.ge_s
        (local.get $21)
        (local.get $36)
       )
      )
      (then
       (local.set $8
        (select
         (local.get $5)
         (i32.sub
          (local.tee $1
           (i32.sub
            (local.get $7)
            (i32.shl
             (local.get $18)
             (i32.const 2)
            )
           )
          )
          (local.tee $12
           (i32.mul
            (local.get $5)
            (local.get $21)
           )
          )
         )
         (i32.lt_s
          (local.get $5)
          (i32.sub
           (local.get $1)
           (local.get $12)
          )
         )
        )
       )
       (local.set $37
        (i32.shr_u
         (i32.add
          (local.get $4)
          (i32.const 7)
         )
         (i32.const 3)
        )
       )
       (local.set $19
        (i32.const 0)
       )
       (loop $l20
        (if
         (i32.eqz
          (i32.ge_s
           (local.get $19)
           (local.get $37)
          )
         )
         (then
          (local.set $6
           (i32.shl
            (local.get $19)
            (i32.const 3)
           )
          )
          (local.set $2
           (i32.const 8)
          )
          (local.set $9
           (i32.const 0)
          )
          (loop $l14
           (if
            (i32.eqz
             (i32.le_s
              (local.get $2)
              (local.get $9)
             )
            )
            (then
             (local.set $3
              (i32.add
               (local.get $35)
               (i32.shl
                (i32.mul
                 (select
                  (local.tee $1
                   (i32.add
                    (local.get $6)
                    (local.get $9)
                   )
                  )
                  (local.tee $0
                   (i32.sub
                    (local.get $4)
                    (i32.const 1)
                   )
                  )
                  (i32.gt_s
                   (local.get $0)
                   (local.get $1)
                  )
                 )
                 (local.get $17)
                )
                (i32.const 2)
               )
              )
             )
             (local.set $1
              (local.get $17)
             )
             (local.set $0
              (i32.const 0)
             )
             (loop $l13
              (if
               (i32.eqz
                (i32.ge_s
                 (local.get $0)
                 (local.get $1)
                )
               )
               (then
                (f32.store
                 (i32.add
                  (i32.shl
                   (i32.add
                    (i32.shl
                     (local.get $0)
                     (i32.const 3)
                    )
                    (local.get $9)
                   )
                   (i32.const 2)
                  )
                  (i32.const 256)
                 )
                 (f32.load
                  (local.get $3)
                 )
                )
                (local.set $3
                 (i32.add
                  (local.get $3)
                  (local.get $17)
                 )
                )
                (local.set $0
                 (i32.add
                  (local.get $0)
                  (i32.const 1)
                 )
                )
                (br $l13)
               )
              )
             )
             (local.set $9
              (i32.add
               (local.get $9)
               (i32.const 1)
              )
             )
             (br $l14)
            )
           )
          )
          (local.set $9
           (i32.const 256)
          )
          (local.set $38
           (i32.const 32)
          )
          (local.set $13
           (i32.const 0)
          )
          (loop $l19
           (if
            (i32.eqz
             (i32.le_s
              (local.get $8)
              (local.get $13)
             )
            )
            (then
             (local.set $39
              (local.tee $1
               (i32.add
                (i32.add
                 (local.get $12)
                 (local.get $13)
                )
                (i32.shl
                 (local.get $18)
                 (i32.const 2)
                )
               )
              )
             )
             (local.set $2
              (i32.add
               (local.get $26)
               (i32.shl
                (i32.mul
                 (local.get $1)
                 (local.get $17)
                )
                (i32.const 2)
               )
              )
             )
             (local.set $1
              (local.get $9)
             )
             (local.set $10
              (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
             )
             (local.set $11
              (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
             )
             (local.set $3
              (local.tee $0
               (local.get $17)
              )
             )
             (local.set $16
              (i32.const 0)
             )
             (loop $l15
              (if
               (i32.eqz
                (i32.le_s
                 (local.get $3)
                 (local.get $16)
                )
               )
               (then
                (local.set $10
                 (f32x4.add
                  (f32x4.mul
                   (local.tee $14
                    (v128.load32_splat
                     (local.get $2)
                    )
                   )
                   (v128.load align=4
                    (local.get $1)
                   )
                  )
                  (local.get $10)
                 )
                )
                (local.set $11
                 (f32x4.add
                  (f32x4.mul
                   (local.get $14)
                   (v128.load offset=16 align=4
                    (local.get $1)
                   )
                  )
                  (local.get $11)
                 )
                )
                (local.set $2
                 (i32.add
                  (local.get $0)
                  (local.get $2)
                 )
                )
                (local.set $1
                 (i32.add
                  (local.get $1)
                  (local.get $38)
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
              (local.get $10)
             )
             (v128.store
              (i32.const 16)
              (local.get $11)
             )
             (local.set $1
              (select
               (i32.const 8)
               (local.tee $1
                (i32.sub
                 (local.get $4)
                 (local.get $6)
                )
               )
               (i32.ge_s
                (local.get $1)
                (i32.const 8)
               )
              )
             )
             (local.set $40
              (i32.const 1)
             )
             (local.set $2
              (i32.const 0)
             )
             (loop $l18
              (if
               (i32.eqz
                (i32.ge_s
                 (local.get $2)
                 (local.get $40)
                )
               )
               (then
                (local.set $16
                 (i32.add
                  (local.get $2)
                  (local.get $39)
                 )
                )
                (local.set $3
                 (i32.const 0)
                )
                (loop $l16
                 (if
                  (i32.eqz
                   (i32.ge_s
                    (i32.add
                     (local.get $3)
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
                         (local.get $3)
                         (local.get $6)
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
                           (local.get $2)
                           (i32.const 3)
                          )
                          (local.get $3)
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
                   (local.set $3
                    (i32.add
                     (local.get $3)
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
                    (local.get $3)
                   )
                  )
                  (then
                   (f32.store
                    (i32.add
                     (global.get $forward.s5)
                     (i32.shl
                      (i32.add
                       (local.tee $41
                        (i32.add
                         (local.get $3)
                         (local.get $6)
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
                                (local.get $2)
                                (i32.const 3)
                               )
                               (local.get $3)
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
                             (local.get $41)
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
                   (local.set $3
                    (i32.add
                     (local.get $3)
                     (i32.const 1)
                    )
                   )
                   (br $l17)
                  )
                 )
                )
                (local.set $2
                 (i32.add
                  (local.get $2)
                  (i32.const 1)
                 )
                )
                (br $l18)
               )
              )
             )
             (local.set $13
              (i32.add
               (local.get $13)
               (i32.const 1)
              )
             )
             (br $l19)
            )
           )
          )
          (local.set $19
           (i32.add
            (local.get $19)
            (i32.const 1)
           )
          )
          (br $l20)
         )
        )
       )
       (local.set $21
        (i32.add
         (local.get $21)
         (i32.const 1)
        )
       )
       (br $l21)
      )
     )
    )
   )
   (else
    (local.set $9
     (i32.const 8)
    )
    (local.set $17
     (block (result i32)
      (local.set $3
       (i32.const 4)
      )
      (i32.const 1)
     )
    )
    (local.set $21
     (global.get $forward.s0)
    )
    (local.set $18
     (global.get $forward.s1)
    )
    (local.set $16
     (i32.div_s
      (local.tee $35
       (global.get $d.batch)
      )
      (i32.const 2)
     )
    )
    (loop $l28
     (if
      (i32.eqz
       (i32.ge_s
        (local.get $13)
        (local.get $16)
       )
      )
      (then
       (local.set $19
        (i32.shl
         (local.get $13)
         (i32.const 1)
        )
       )
       (local.set $26
        (i32.shr_u
         (i32.add
          (local.get $9)
          (i32.const 3)
         )
         (i32.const 2)
        )
       )
       (local.set $5
        (i32.const 0)
       )
       (loop $l27
        (if
         (i32.eqz
          (i32.ge_s
           (local.get $5)
           (local.get $26)
          )
         )
         (then
          (local.set $6
           (i32.add
            (local.get $21)
            (i32.shl
             (i32.mul
              (local.get $3)
              (local.get $19)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $8
           (i32.add
            (local.get $21)
            (i32.shl
             (i32.mul
              (i32.add
               (local.get $19)
               (i32.const 1)
              )
              (local.get $3)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $0
           (i32.add
            (local.get $18)
            (i32.shl
             (i32.mul
              (select
               (local.tee $1
                (i32.shl
                 (local.get $5)
                 (i32.const 2)
                )
               )
               (local.tee $2
                (i32.sub
                 (local.get $9)
                 (i32.const 1)
                )
               )
               (i32.lt_s
                (local.get $1)
                (local.get $2)
               )
              )
              (local.get $3)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $4
           (i32.add
            (local.get $18)
            (i32.shl
             (i32.mul
              (select
               (local.tee $4
                (i32.add
                 (local.get $1)
                 (i32.const 1)
                )
               )
               (local.get $2)
               (i32.gt_s
                (local.get $2)
                (local.get $4)
               )
              )
              (local.get $3)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $7
           (i32.add
            (local.get $18)
            (i32.shl
             (i32.mul
              (select
               (local.tee $7
                (i32.add
                 (local.get $1)
                 (i32.const 2)
                )
               )
               (local.get $2)
               (i32.gt_s
                (local.get $2)
                (local.get $7)
               )
              )
              (local.get $3)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $2
           (i32.add
            (local.get $18)
            (i32.shl
             (i32.mul
              (select
               (local.tee $12
                (i32.add
                 (local.get $1)
                 (i32.const 3)
                )
               )
               (local.get $2)
               (i32.gt_s
                (local.get $2)
                (local.get $12)
               )
              )
              (local.get $3)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $10
           (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
          )
          (local.set $11
           (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
          )
          (local.set $14
           (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
          )
          (local.set $15
           (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
          )
          (local.set $20
           (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
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
          (local.set $12
           (i32.const 0)
          )
          (loop $l22
           (if
            (i32.eqz
             (i32.ge_s
              (local.get $12)
              (local.get $17)
             )
            )
            (then
             (local.set $10
              (f32x4.add
               (f32x4.mul
                (local.tee $22
                 (v128.load align=4
                  (local.get $6)
                 )
                )
                (local.tee $27
                 (v128.load align=4
                  (local.get $0)
                 )
                )
               )
               (local.get $10)
              )
             )
             (local.set $11
              (f32x4.add
               (f32x4.mul
                (local.get $22)
                (local.tee $28
                 (v128.load align=4
                  (local.get $4)
                 )
                )
               )
               (local.get $11)
              )
             )
             (local.set $14
              (f32x4.add
               (f32x4.mul
                (local.get $22)
                (local.tee $45
                 (v128.load align=4
                  (local.get $7)
                 )
                )
               )
               (local.get $14)
              )
             )
             (local.set $15
              (f32x4.add
               (f32x4.mul
                (local.get $22)
                (local.tee $46
                 (v128.load align=4
                  (local.get $2)
                 )
                )
               )
               (local.get $15)
              )
             )
             (local.set $20
              (f32x4.add
               (f32x4.mul
                (local.tee $22
                 (v128.load align=4
                  (local.get $8)
                 )
                )
                (local.get $27)
               )
               (local.get $20)
              )
             )
             (local.set $23
              (f32x4.add
               (f32x4.mul
                (local.get $22)
                (local.get $28)
               )
               (local.get $23)
              )
             )
             (local.set $24
              (f32x4.add
               (f32x4.mul
                (local.get $22)
                (local.get $45)
               )
               (local.get $24)
              )
             )
             (local.set $25
              (f32x4.add
               (f32x4.mul
                (local.get $22)
                (local.get $46)
               )
               (local.get $25)
              )
             )
             (local.set $6
              (i32.add
               (local.get $6)
               (i32.const 16)
              )
             )
             (local.set $8
              (i32.add
               (local.get $8)
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
             (local.set $7
              (i32.add
               (local.get $7)
               (i32.const 16)
              )
             )
             (local.set $2
              (i32.add
               (local.get $2)
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
          (local.set $29
           (f32.add
            (f32.add
             (f32x4.extract_lane 0
              (local.get $10)
             )
             (f32x4.extract_lane 1
              (local.get $10)
             )
            )
            (f32.add
             (f32x4.extract_lane 2
              (local.get $10)
             )
             (f32x4.extract_lane 3
              (local.get $10)
             )
            )
           )
          )
          (local.set $30
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
              (local.get $14)
             )
             (f32x4.extract_lane 1
              (local.get $14)
             )
            )
            (f32.add
             (f32x4.extract_lane 2
              (local.get $14)
             )
             (f32x4.extract_lane 3
              (local.get $14)
             )
            )
           )
          )
          (local.set $32
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
          (local.set $33
           (f32.add
            (f32.add
             (f32x4.extract_lane 0
              (local.get $20)
             )
             (f32x4.extract_lane 1
              (local.get $20)
             )
            )
            (f32.add
             (f32x4.extract_lane 2
              (local.get $20)
             )
             (f32x4.extract_lane 3
              (local.get $20)
             )
            )
           )
          )
          (local.set $42
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
          (local.set $43
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
          (local.set $36
           (i32.and
            (local.get $3)
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
              (local.get $36)
             )
            )
            (then
             (local.set $29
              (f32.add
               (local.get $29)
               (f32.mul
                (local.tee $34
                 (f32.load
                  (local.get $6)
                 )
                )
                (local.tee $47
                 (f32.load
                  (local.get $0)
                 )
                )
               )
              )
             )
             (local.set $30
              (f32.add
               (local.get $30)
               (f32.mul
                (local.get $34)
                (local.tee $48
                 (f32.load
                  (local.get $4)
                 )
                )
               )
              )
             )
             (local.set $31
              (f32.add
               (local.get $31)
               (f32.mul
                (local.get $34)
                (local.tee $49
                 (f32.load
                  (local.get $7)
                 )
                )
               )
              )
             )
             (local.set $32
              (f32.add
               (local.get $32)
               (f32.mul
                (local.get $34)
                (local.tee $50
                 (f32.load
                  (local.get $2)
                 )
                )
               )
              )
             )
             (local.set $33
              (f32.add
               (local.get $33)
               (f32.mul
                (local.tee $34
                 (f32.load
                  (local.get $8)
                 )
                )
                (local.get $47)
               )
              )
             )
             (local.set $42
              (f32.add
               (local.get $42)
               (f32.mul
                (local.get $34)
                (local.get $48)
               )
              )
             )
             (local.set $43
              (f32.add
               (local.get $43)
               (f32.mul
                (local.get $34)
                (local.get $49)
               )
              )
             )
             (local.set $44
              (f32.add
               (local.get $44)
               (f32.mul
                (local.get $34)
                (local.get $50)
               )
              )
             )
             (local.set $6
              (i32.add
               (local.get $6)
               (i32.const 4)
              )
             )
             (local.set $8
              (i32.add
               (local.get $8)
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
             (local.set $7
              (i32.add
               (local.get $7)
               (i32.const 4)
              )
             )
             (local.set $2
              (i32.add
               (local.get $2)
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
           (local.get $29)
          )
          (f32.store
           (i32.const 4)
           (local.get $30)
          )
          (f32.store
           (i32.const 8)
           (local.get $31)
          )
          (f32.store
           (i32.const 12)
           (local.get $32)
          )
          (f32.store
           (i32.const 32)
           (local.get $33)
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
          (local.set $6
           (local.get $1)
          )
          (local.set $1
           (select
            (i32.const 4)
            (local.tee $1
             (i32.sub
              (local.get $9)
              (local.get $1)
             )
            )
            (i32.ge_s
             (local.get $1)
             (i32.const 4)
            )
           )
          )
          (local.set $2
           (i32.const 2)
          )
          (local.set $4
           (i32.const 0)
          )
          (loop $l26
           (if
            (i32.eqz
             (i32.le_s
              (local.get $2)
              (local.get $4)
             )
            )
            (then
             (local.set $7
              (i32.add
               (local.get $4)
               (local.get $19)
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
                    (local.tee $8
                     (i32.add
                      (local.get $0)
                      (local.get $6)
                     )
                    )
                    (i32.shl
                     (local.get $7)
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
                       (local.get $8)
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
             (local.set $8
              (local.get $1)
             )
             (loop $l25
              (if
               (i32.eqz
                (i32.ge_s
                 (local.get $0)
                 (local.get $8)
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
                      (local.get $6)
                     )
                    )
                    (i32.shl
                     (local.get $7)
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
          (local.set $5
           (i32.add
            (local.get $5)
            (i32.const 1)
           )
          )
          (br $l27)
         )
        )
       )
       (local.set $13
        (i32.add
         (local.get $13)
         (i32.const 1)
        )
       )
       (br $l28)
      )
     )
    )
    (local.set $12
     (i32.sub
      (local.get $35)
      (i32.shl
       (local.get $16)
       (i32.const 1)
      )
     )
    )
    (local.set $2
     (i32.const 0)
    )
    (loop $l35
     (if
      (i32.eqz
       (i32.ge_s
        (local.get $2)
        (local.get $12)
       )
      )
      (then
       (local.set $19
        (i32.add
         (i32.shl
          (local.get $16)
          (i32.const 1)
         )
         (local.get $2)
        )
       )
       (local.set $35
        (i32.shr_u
         (i32.add
          (local.get $9)
          (i32.const 3)
         )
         (i32.const 2)
        )
       )
       (local.set $13
        (i32.const 0)
       )
       (loop $l34
        (if
         (i32.eqz
          (i32.ge_s
           (local.get $13)
           (local.get $35)
          )
         )
         (then
          (local.set $6
           (i32.add
            (local.get $21)
            (i32.shl
             (i32.mul
              (local.get $3)
              (local.get $19)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $8
           (i32.add
            (local.get $18)
            (i32.shl
             (i32.mul
              (select
               (local.tee $1
                (i32.shl
                 (local.get $13)
                 (i32.const 2)
                )
               )
               (local.tee $5
                (i32.sub
                 (local.get $9)
                 (i32.const 1)
                )
               )
               (i32.lt_s
                (local.get $1)
                (local.get $5)
               )
              )
              (local.get $3)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $0
           (i32.add
            (local.get $18)
            (i32.shl
             (i32.mul
              (select
               (local.tee $0
                (i32.add
                 (local.get $1)
                 (i32.const 1)
                )
               )
               (local.get $5)
               (i32.lt_s
                (local.get $0)
                (local.get $5)
               )
              )
              (local.get $3)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $4
           (i32.add
            (local.get $18)
            (i32.shl
             (i32.mul
              (select
               (local.tee $4
                (i32.add
                 (local.get $1)
                 (i32.const 2)
                )
               )
               (local.get $5)
               (i32.lt_s
                (local.get $4)
                (local.get $5)
               )
              )
              (local.get $3)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $7
           (i32.add
            (local.get $18)
            (i32.shl
             (i32.mul
              (select
               (local.tee $7
                (i32.add
                 (local.get $1)
                 (i32.const 3)
                )
               )
               (local.get $5)
               (i32.gt_s
                (local.get $5)
                (local.get $7)
               )
              )
              (local.get $3)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $10
           (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
          )
          (local.set $11
           (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
          )
          (local.set $14
           (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
          )
          (local.set $15
           (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
          )
          (local.set $5
           (i32.const 0)
          )
          (loop $l29
           (if
            (i32.eqz
             (i32.ge_s
              (local.get $5)
              (local.get $17)
             )
            )
            (then
             (local.set $10
              (f32x4.add
               (f32x4.mul
                (local.tee $20
                 (v128.load align=4
                  (local.get $6)
                 )
                )
                (v128.load align=4
                 (local.get $8)
                )
               )
               (local.get $10)
              )
             )
             (local.set $11
              (f32x4.add
               (f32x4.mul
                (local.get $20)
                (v128.load align=4
                 (local.get $0)
                )
               )
               (local.get $11)
              )
             )
             (local.set $14
              (f32x4.add
               (f32x4.mul
                (local.get $20)
                (v128.load align=4
                 (local.get $4)
                )
               )
               (local.get $14)
              )
             )
             (local.set $15
              (f32x4.add
               (f32x4.mul
                (local.get $20)
                (v128.load align=4
                 (local.get $7)
                )
               )
               (local.get $15)
              )
             )
             (local.set $6
              (i32.add
               (local.get $6)
               (i32.const 16)
              )
             )
             (local.set $8
              (i32.add
               (local.get $8)
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
             (local.set $7
              (i32.add
               (local.get $7)
               (i32.const 16)
              )
             )
             (local.set $5
              (i32.add
               (local.get $5)
               (i32.const 1)
              )
             )
             (br $l29)
            )
           )
          )
          (local.set $29
           (f32.add
            (f32.add
             (f32x4.extract_lane 0
              (local.get $10)
             )
             (f32x4.extract_lane 1
              (local.get $10)
             )
            )
            (f32.add
             (f32x4.extract_lane 2
              (local.get $10)
             )
             (f32x4.extract_lane 3
              (local.get $10)
             )
            )
           )
          )
          (local.set $30
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
              (local.get $14)
             )
             (f32x4.extract_lane 1
              (local.get $14)
             )
            )
            (f32.add
             (f32x4.extract_lane 2
              (local.get $14)
             )
             (f32x4.extract_lane 3
              (local.get $14)
             )
            )
           )
          )
          (local.set $32
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
          (local.set $26
           (i32.and
            (local.get $3)
            (i32.const 3)
           )
          )
          (local.set $5
           (i32.const 0)
          )
          (loop $l30
           (if
            (i32.eqz
             (i32.ge_s
              (local.get $5)
              (local.get $26)
             )
            )
            (then
             (local.set $29
              (f32.add
               (local.get $29)
               (f32.mul
                (local.tee $33
                 (f32.load
                  (local.get $6)
                 )
                )
                (f32.load
                 (local.get $8)
                )
               )
              )
             )
             (local.set $30
              (f32.add
               (local.get $30)
               (f32.mul
                (local.get $33)
                (f32.load
                 (local.get $0)
                )
               )
              )
             )
             (local.set $31
              (f32.add
               (local.get $31)
               (f32.mul
                (local.get $33)
                (f32.load
                 (local.get $4)
                )
               )
              )
             )
             (local.set $32
              (f32.add
               (local.get $32)
               (f32.mul
                (local.get $33)
                (f32.load
                 (local.get $7)
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
             (local.set $8
              (i32.add
               (local.get $8)
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
             (local.set $7
              (i32.add
               (local.get $7)
               (i32.const 4)
              )
             )
             (local.set $5
              (i32.add
               (local.get $5)
               (i32.const 1)
              )
             )
             (br $l30)
            )
           )
          )
          (f32.store
           (i32.const 0)
           (local.get $29)
          )
          (f32.store
           (i32.const 4)
           (local.get $30)
          )
          (f32.store
           (i32.const 8)
           (local.get $31)
          )
          (f32.store
           (i32.const 12)
           (local.get $32)
          )
          (local.set $6
           (local.get $1)
          )
          (local.set $1
           (select
            (i32.const 4)
            (local.tee $1
             (i32.sub
              (local.get $9)
              (local.get $1)
             )
            )
            (i32.ge_s
             (local.get $1)
             (i32.const 4)
            )
           )
          )
          (local.set $5
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
              (local.get $5)
             )
            )
            (then
             (local.set $7
              (i32.add
               (local.get $4)
               (local.get $19)
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
                    (local.tee $8
                     (i32.add
                      (local.get $0)
                      (local.get $6)
                     )
                    )
                    (i32.shl
                     (local.get $7)
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
                       (local.get $8)
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
             (local.set $8
              (local.get $1)
             )
             (loop $l32
              (if
               (i32.eqz
                (i32.ge_s
                 (local.get $0)
                 (local.get $8)
                )
               )
               (then
                (f32.store
                 (i32.add
                  (global.get $forward.s5)
                  (i32.shl
                   (i32.add
                    (local.tee $26
                     (i32.add
                      (local.get $0)
                      (local.get $6)
                     )
                    )
                    (i32.shl
                     (local.get $7)
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
                          (local.get $26)
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
          (local.set $13
           (i32.add
            (local.get $13)
            (i32.const 1)
           )
          )
          (br $l34)
         )
        )
       )
       (local.set $2
        (i32.add
         (local.get $2)
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
  (local $8 i32)
  (local $9 i32)
  (local $10 v128)
  (local $11 i32)
  (local $12 i32)
  (local $13 i32)
  (local $14 i32)
  (local $15 i32)
  (local $16 v128)
  (local $17 v128)
  (local $18 i32)
  (local $19 v128)
  (local $20 i32)
  (local $21 i32)
  (local $22 i32)
  (local $23 i32)
  (local $24 i32)
  (local $25 v128)
  (local $26 v128)
  (local $27 v128)
  (local $28 v128)
  (local $29 v128)
  (local $30 v128)
  (local $31 v128)
  (local $32 i32)
  (local $33 i32)
  (local $34 i32)
  (local $35 f32)
  (local $36 i32)
  (local $37 f32)
  (local $38 i32)
  (local $39 i32)
  (local $40 v128)
  (local $41 v128)
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
  (local $52 f32)
  (local $53 i32)
  (if
   (i32.ge_s
    (global.get $d.batch)
    (i32.const 16)
   )
   (then
    (local.set $9
     (i32.const 4)
    )
    (local.set $11
     (i32.const 4)
    )
    (local.set $3
     (i32.const 8)
    )
    (local.set $38
     (i32.const 3)
    )
    (local.set $7
     (global.get $forward.s3)
    )
    (local.set $22
     (global.get $forward.s5)
    )
    (local.set $1
     (i32.const 8)
    )
    (local.set $23
     (i32.div_u
      (i32.add
       (i32.sub
        (local.tee $32
         (select
          (i32.const 1)
          (local.tee $36
           (i32.div_s
            (local.tee $53
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
      (local.get $32)
     )
    )
    (loop $l10
     (if
      (i32.eqz
       (i32.ge_s
        (local.get $14)
        (local.get $23)
       )
      )
      (then
       (local.set $6
        (select
         (local.get $32)
         (i32.sub
          (local.get $36)
          (local.tee $24
           (i32.mul
            (local.get $14)
            (local.get $32)
           )
          )
         )
         (i32.lt_s
          (local.get $32)
          (i32.sub
           (local.get $36)
           (local.get $24)
          )
         )
        )
       )
       (local.set $13
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
           (local.get $13)
          )
         )
         (then
          (local.set $20
           (i32.shl
            (local.get $12)
            (i32.const 3)
           )
          )
          (local.set $4
           (i32.const 8)
          )
          (local.set $5
           (i32.const 0)
          )
          (loop $l3
           (if
            (i32.eqz
             (i32.le_s
              (local.get $4)
              (local.get $5)
             )
            )
            (then
             (local.set $2
              (i32.add
               (local.get $7)
               (i32.shl
                (i32.mul
                 (select
                  (local.tee $2
                   (i32.add
                    (local.get $5)
                    (local.get $20)
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
                   (local.get $2)
                  )
                 )
                 (local.get $3)
                )
                (i32.const 2)
               )
              )
             )
             (local.set $0
              (i32.const 0)
             )
             (loop $l2
              (if
               (i32.eqz
                (i32.ge_s
                 (local.get $0)
                 (local.get $1)
                )
               )
               (then
                (f32.store
                 (i32.add
                  (i32.shl
                   (i32.add
                    (i32.shl
                     (local.get $0)
                     (i32.const 3)
                    )
                    (local.get $5)
                   )
                   (i32.const 2)
                  )
                  (i32.const 256)
                 )
                 (f32.load
                  (local.get $2)
                 )
                )
                (local.set $2
                 (i32.add
                  (local.get $2)
                  (local.get $9)
                 )
                )
                (local.set $0
                 (i32.add
                  (local.get $0)
                  (i32.const 1)
                 )
                )
                (br $l2)
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
          (local.set $0
           (i32.const 256)
          )
          (local.set $39
           (i32.const 32)
          )
          (local.set $33
           (i32.const 0)
          )
          (loop $l8
           (if
            (i32.eqz
             (i32.le_s
              (local.get $6)
              (local.get $33)
             )
            )
            (then
             (local.set $15
              (local.tee $4
               (i32.shl
                (i32.add
                 (local.get $24)
                 (local.get $33)
                )
                (i32.const 2)
               )
              )
             )
             (local.set $5
              (i32.add
               (local.get $22)
               (i32.shl
                (i32.mul
                 (local.get $3)
                 (local.get $4)
                )
                (i32.const 2)
               )
              )
             )
             (local.set $4
              (local.get $0)
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
             (local.set $31
              (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
             )
             (local.set $19
              (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
             )
             (local.set $25
              (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
             )
             (local.set $2
              (i32.const 0)
             )
             (loop $l4
              (if
               (i32.eqz
                (i32.le_s
                 (local.get $1)
                 (local.get $2)
                )
               )
               (then
                (local.set $26
                 (f32x4.add
                  (f32x4.mul
                   (local.tee $10
                    (v128.load32_splat
                     (local.get $5)
                    )
                   )
                   (local.tee $16
                    (v128.load align=4
                     (local.get $4)
                    )
                   )
                  )
                  (local.get $26)
                 )
                )
                (local.set $27
                 (f32x4.add
                  (f32x4.mul
                   (local.get $10)
                   (local.tee $17
                    (v128.load offset=16 align=4
                     (local.get $4)
                    )
                   )
                  )
                  (local.get $27)
                 )
                )
                (local.set $28
                 (f32x4.add
                  (f32x4.mul
                   (local.tee $10
                    (v128.load32_splat offset=32
                     (local.get $5)
                    )
                   )
                   (local.get $16)
                  )
                  (local.get $28)
                 )
                )
                (local.set $29
                 (f32x4.add
                  (f32x4.mul
                   (local.get $10)
                   (local.get $17)
                  )
                  (local.get $29)
                 )
                )
                (local.set $30
                 (f32x4.add
                  (f32x4.mul
                   (local.tee $10
                    (v128.load32_splat offset=64
                     (local.get $5)
                    )
                   )
                   (local.get $16)
                  )
                  (local.get $30)
                 )
                )
                (local.set $31
                 (f32x4.add
                  (f32x4.mul
                   (local.get $10)
                   (local.get $17)
                  )
                  (local.get $31)
                 )
                )
                (local.set $19
                 (f32x4.add
                  (f32x4.mul
                   (local.tee $10
                    (v128.load32_splat offset=96
                     (local.get $5)
                    )
                   )
                   (local.get $16)
                  )
                  (local.get $19)
                 )
                )
                (local.set $25
                 (f32x4.add
                  (f32x4.mul
                   (local.get $10)
                   (local.get $17)
                  )
                  (local.get $25)
                 )
                )
                (local.set $5
                 (i32.add
                  (local.get $5)
                  (local.get $11)
                 )
                )
                (local.set $4
                 (i32.add
                  (local.get $4)
                  (local.get $39)
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
              (local.get $26)
             )
             (v128.store
              (i32.const 16)
              (local.get $27)
             )
             (v128.store
              (i32.const 32)
              (local.get $28)
             )
             (v128.store
              (i32.const 48)
              (local.get $29)
             )
             (v128.store
              (i32.const 64)
              (local.get $30)
             )
             (v128.store
              (i32.const 80)
              (local.get $31)
             )
             (v128.store
              (i32.const 96)
              (local.get $19)
             )
             (v128.store
              (i32.const 112)
              (local.get $25)
             )
             (local.set $2
              (select
               (i32.const 8)
               (local.tee $4
                (i32.sub
                 (local.get $38)
                 (local.get $20)
                )
               )
               (i32.ge_s
                (local.get $4)
                (i32.const 8)
               )
              )
             )
             (local.set $18
              (i32.const 4)
             )
             (local.set $21
              (i32.const 0)
             )
             (loop $l7
              (if
               (i32.eqz
                (i32.le_s
                 (local.get $18)
                 (local.get $21)
                )
               )
               (then
                (local.set $34
                 (i32.add
                  (local.get $15)
                  (local.get $21)
                 )
                )
                (local.set $4
                 (local.get $2)
                )
                (local.set $8
                 (i32.const 0)
                )
                (loop $l5
                 (if
                  (i32.eqz
                   (i32.ge_s
                    (i32.add
                     (local.get $8)
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
                       (local.tee $5
                        (i32.add
                         (local.get $8)
                         (local.get $20)
                        )
                       )
                       (i32.mul
                        (local.get $34)
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
                         (local.get $21)
                         (i32.const 3)
                        )
                        (local.get $8)
                       )
                       (i32.const 2)
                      )
                     )
                     (v128.load align=4
                      (i32.add
                       (global.get $forward.s4)
                       (i32.shl
                        (local.get $5)
                        (i32.const 2)
                       )
                      )
                     )
                    )
                   )
                   (local.set $8
                    (i32.add
                     (local.get $8)
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
                    (local.get $4)
                    (local.get $8)
                   )
                  )
                  (then
                   (f32.store
                    (i32.add
                     (global.get $forward.s6)
                     (i32.shl
                      (i32.add
                       (local.tee $5
                        (i32.add
                         (local.get $8)
                         (local.get $20)
                        )
                       )
                       (i32.mul
                        (local.get $34)
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
                             (local.get $21)
                             (i32.const 3)
                            )
                            (local.get $8)
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
                          (local.get $5)
                          (i32.const 2)
                         )
                        )
                       )
                      )
                     )
                    )
                   )
                   (local.set $8
                    (i32.add
                     (local.get $8)
                     (i32.const 1)
                    )
                   )
                   (br $l6)
                  )
                 )
                )
                (local.set $21
                 (i32.add
                  (local.get $21)
                  (i32.const 1)
                 )
                )
                (br $l7)
               )
              )
             )
             (local.set $33
              (i32.add
               (local.get $33)
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
       (local.set $14
        (i32.add
         (local.get $14)
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
       (local.get $1)
       (i32.const 1)
       (local.get $1)
      )
     )
    )
    (local.set $23
     (i32.div_u
      (i32.add
       (i32.sub
        (local.tee $32
         (select
          (i32.const 1)
          (local.tee $4
           (i32.sub
            (local.get $53)
            (i32.shl
             (local.get $36)
             (i32.const 2)
            )
           )
          )
          (i32.le_s
           (local.get $4)
           (i32.const 0)
          )
         )
        )
        (i32.const 1)
       )
       (local.get $4)
      )
      (local.get $32)
     )
    )
    (local.set $14
     (i32.const 0)
    )
    (loop $l21
     (if
      (i32.eqz
       (i32.ge_s
        (local.get $14)
        (local.get $23)
       )
      )
      (then
       (local.set $6
        (select
         (local.get $32)
         (i32.sub
          (local.tee $4
           (i32.sub
            (local.get $53)
            (i32.shl
             (local.get $36)
             (i32.const 2)
            )
           )
          )
          (local.tee $24
           (i32.mul
            (local.get $14)
            (local.get $32)
           )
          )
         )
         (i32.lt_s
          (local.get $32)
          (i32.sub
           (local.get $4)
           (local.get $24)
          )
         )
        )
       )
       (local.set $13
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
           (local.get $13)
          )
         )
         (then
          (local.set $20
           (i32.shl
            (local.get $12)
            (i32.const 3)
           )
          )
          (local.set $4
           (i32.const 8)
          )
          (local.set $5
           (i32.const 0)
          )
          (loop $l14
           (if
            (i32.eqz
             (i32.le_s
              (local.get $4)
              (local.get $5)
             )
            )
            (then
             (local.set $2
              (i32.add
               (local.get $7)
               (i32.shl
                (i32.mul
                 (select
                  (local.tee $2
                   (i32.add
                    (local.get $5)
                    (local.get $20)
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
                   (local.get $2)
                  )
                 )
                 (local.get $3)
                )
                (i32.const 2)
               )
              )
             )
             (local.set $0
              (i32.const 0)
             )
             (loop $l13
              (if
               (i32.eqz
                (i32.ge_s
                 (local.get $0)
                 (local.get $1)
                )
               )
               (then
                (f32.store
                 (i32.add
                  (i32.shl
                   (i32.add
                    (i32.shl
                     (local.get $0)
                     (i32.const 3)
                    )
                    (local.get $5)
                   )
                   (i32.const 2)
                  )
                  (i32.const 256)
                 )
                 (f32.load
                  (local.get $2)
                 )
                )
                (local.set $2
                 (i32.add
                  (local.get $2)
                  (local.get $9)
                 )
                )
                (local.set $0
                 (i32.add
                  (local.get $0)
                  (i32.const 1)
                 )
                )
                (br $l13)
               )
              )
             )
             (local.set $5
              (i32.add
               (local.get $5)
               (i32.const 1)
              )
             )
             (br $l14)
            )
           )
          )
          (local.set $0
           (i32.const 256)
          )
          (local.set $39
           (i32.const 32)
          )
          (local.set $33
           (i32.const 0)
          )
          (loop $l19
           (if
            (i32.eqz
             (i32.le_s
              (local.get $6)
              (local.get $33)
             )
            )
            (then
             (local.set $15
              (local.tee $4
               (i32.add
                (i32.add
                 (local.get $24)
                 (local.get $33)
                )
                (i32.shl
                 (local.get $36)
                 (i32.const 2)
                )
               )
              )
             )
             (local.set $5
              (i32.add
               (local.get $22)
               (i32.shl
                (i32.mul
                 (local.get $3)
                 (local.get $4)
                )
                (i32.const 2)
               )
              )
             )
             (local.set $4
              (local.get $0)
             )
             (local.set $16
              (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
             )
             (local.set $17
              (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
             )
             (local.set $2
              (i32.const 0)
             )
             (loop $l15
              (if
               (i32.eqz
                (i32.le_s
                 (local.get $1)
                 (local.get $2)
                )
               )
               (then
                (local.set $16
                 (f32x4.add
                  (f32x4.mul
                   (local.tee $10
                    (v128.load32_splat
                     (local.get $5)
                    )
                   )
                   (v128.load align=4
                    (local.get $4)
                   )
                  )
                  (local.get $16)
                 )
                )
                (local.set $17
                 (f32x4.add
                  (f32x4.mul
                   (local.get $10)
                   (v128.load offset=16 align=4
                    (local.get $4)
                   )
                  )
                  (local.get $17)
                 )
                )
                (local.set $5
                 (i32.add
                  (local.get $5)
                  (local.get $11)
                 )
                )
                (local.set $4
                 (i32.add
                  (local.get $4)
                  (local.get $39)
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
              (local.get $16)
             )
             (v128.store
              (i32.const 16)
              (local.get $17)
             )
             (local.set $2
              (select
               (i32.const 8)
               (local.tee $4
                (i32.sub
                 (local.get $38)
                 (local.get $20)
                )
               )
               (i32.ge_s
                (local.get $4)
                (i32.const 8)
               )
              )
             )
             (local.set $18
              (i32.const 1)
             )
             (local.set $21
              (i32.const 0)
             )
             (loop $l18
              (if
               (i32.eqz
                (i32.le_s
                 (local.get $18)
                 (local.get $21)
                )
               )
               (then
                (local.set $34
                 (i32.add
                  (local.get $15)
                  (local.get $21)
                 )
                )
                (local.set $4
                 (local.get $2)
                )
                (local.set $8
                 (i32.const 0)
                )
                (loop $l16
                 (if
                  (i32.eqz
                   (i32.ge_s
                    (i32.add
                     (local.get $8)
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
                       (local.tee $5
                        (i32.add
                         (local.get $8)
                         (local.get $20)
                        )
                       )
                       (i32.mul
                        (local.get $34)
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
                         (local.get $21)
                         (i32.const 3)
                        )
                        (local.get $8)
                       )
                       (i32.const 2)
                      )
                     )
                     (v128.load align=4
                      (i32.add
                       (global.get $forward.s4)
                       (i32.shl
                        (local.get $5)
                        (i32.const 2)
                       )
                      )
                     )
                    )
                   )
                   (local.set $8
                    (i32.add
                     (local.get $8)
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
                    (local.get $4)
                    (local.get $8)
                   )
                  )
                  (then
                   (f32.store
                    (i32.add
                     (global.get $forward.s6)
                     (i32.shl
                      (i32.add
                       (local.tee $5
                        (i32.add
                         (local.get $8)
                         (local.get $20)
                        )
                       )
                       (i32.mul
                        (local.get $34)
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
                             (local.get $21)
                             (i32.const 3)
                            )
                            (local.get $8)
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
                          (local.get $5)
                          (i32.const 2)
                         )
                        )
                       )
                      )
                     )
                    )
                   )
                   (local.set $8
                    (i32.add
                     (local.get $8)
                     (i32.const 1)
                    )
                   )
                   (br $l17)
                  )
                 )
                )
                (local.set $21
                 (i32.add
                  (local.get $21)
                  (i32.const 1)
                 )
                )
                (br $l18)
               )
              )
             )
             (local.set $33
              (i32.add
               (local.get $33)
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
       (local.set $14
        (i32.add
         (local.get $14)
         (i32.const 1)
        )
       )
       (br $l21)
      )
     )
    )
   )
   (else
    (local.set $14
     (i32.const 3)
    )
    (local.set $4
     (block (result i32)
      (local.set $13
       (i32.const 8)
      )
      (i32.const 2)
     )
    )
    (local.set $34
     (global.get $forward.s5)
    )
    (local.set $12
     (global.get $forward.s3)
    )
    (local.set $5
     (local.tee $39
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
       (i32.le_s
        (local.get $5)
        (local.get $7)
       )
      )
      (then
       (local.set $23
        (i32.shl
         (local.get $7)
         (i32.const 1)
        )
       )
       (local.set $20
        (i32.shr_u
         (i32.add
          (local.get $14)
          (i32.const 3)
         )
         (i32.const 2)
        )
       )
       (local.set $22
        (i32.const 0)
       )
       (loop $l27
        (if
         (i32.eqz
          (i32.le_s
           (local.get $20)
           (local.get $22)
          )
         )
         (then
          (local.set $24
           (i32.add
            (local.get $34)
            (i32.shl
             (i32.mul
              (local.get $13)
              (local.get $23)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $9
           (i32.add
            (local.get $34)
            (i32.shl
             (i32.mul
              (i32.add
               (local.get $23)
               (i32.const 1)
              )
              (local.get $13)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $3
           (i32.add
            (local.get $12)
            (i32.shl
             (i32.mul
              (select
               (local.tee $2
                (i32.shl
                 (local.get $22)
                 (i32.const 2)
                )
               )
               (local.tee $1
                (i32.sub
                 (local.get $14)
                 (i32.const 1)
                )
               )
               (i32.gt_s
                (local.get $1)
                (local.get $2)
               )
              )
              (local.get $13)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $15
           (i32.add
            (local.get $12)
            (i32.shl
             (i32.mul
              (select
               (local.tee $0
                (i32.add
                 (local.get $2)
                 (i32.const 1)
                )
               )
               (local.get $1)
               (i32.lt_s
                (local.get $0)
                (local.get $1)
               )
              )
              (local.get $13)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $0
           (i32.add
            (local.get $12)
            (i32.shl
             (i32.mul
              (select
               (local.tee $0
                (i32.add
                 (local.get $2)
                 (i32.const 2)
                )
               )
               (local.get $1)
               (i32.lt_s
                (local.get $0)
                (local.get $1)
               )
              )
              (local.get $13)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $6
           (i32.add
            (local.get $12)
            (i32.shl
             (i32.mul
              (select
               (local.tee $11
                (i32.add
                 (local.get $2)
                 (i32.const 3)
                )
               )
               (local.get $1)
               (i32.gt_s
                (local.get $1)
                (local.get $11)
               )
              )
              (local.get $13)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $40
           (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
          )
          (local.set $41
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
          (local.set $31
           (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
          )
          (local.set $1
           (i32.const 0)
          )
          (loop $l22
           (if
            (i32.eqz
             (i32.ge_s
              (local.get $1)
              (local.get $4)
             )
            )
            (then
             (local.set $40
              (f32x4.add
               (f32x4.mul
                (local.tee $10
                 (v128.load align=4
                  (local.get $24)
                 )
                )
                (local.tee $25
                 (v128.load align=4
                  (local.get $3)
                 )
                )
               )
               (local.get $40)
              )
             )
             (local.set $41
              (f32x4.add
               (f32x4.mul
                (local.get $10)
                (local.tee $16
                 (v128.load align=4
                  (local.get $15)
                 )
                )
               )
               (local.get $41)
              )
             )
             (local.set $26
              (f32x4.add
               (f32x4.mul
                (local.get $10)
                (local.tee $17
                 (v128.load align=4
                  (local.get $0)
                 )
                )
               )
               (local.get $26)
              )
             )
             (local.set $27
              (f32x4.add
               (f32x4.mul
                (local.get $10)
                (local.tee $10
                 (v128.load align=4
                  (local.get $6)
                 )
                )
               )
               (local.get $27)
              )
             )
             (local.set $28
              (f32x4.add
               (f32x4.mul
                (local.tee $19
                 (v128.load align=4
                  (local.get $9)
                 )
                )
                (local.get $25)
               )
               (local.get $28)
              )
             )
             (local.set $29
              (f32x4.add
               (f32x4.mul
                (local.get $19)
                (local.get $16)
               )
               (local.get $29)
              )
             )
             (local.set $30
              (f32x4.add
               (f32x4.mul
                (local.get $19)
                (local.get $17)
               )
               (local.get $30)
              )
             )
             (local.set $31
              (f32x4.add
               (f32x4.mul
                (local.get $19)
                (local.get $10)
               )
               (local.get $31)
              )
             )
             (local.set $24
              (i32.add
               (local.get $24)
               (i32.const 16)
              )
             )
             (local.set $9
              (i32.add
               (local.get $9)
               (i32.const 16)
              )
             )
             (local.set $3
              (i32.add
               (local.get $3)
               (i32.const 16)
              )
             )
             (local.set $15
              (i32.add
               (local.get $15)
               (i32.const 16)
              )
             )
             (local.set $0
              (i32.add
               (local.get $0)
               (i32.const 16)
              )
             )
             (local.set $6
              (i32.add
               (local.get $6)
               (i32.const 16)
              )
             )
             (local.set $1
              (i32.add
               (local.get $1)
               (i32.const 1)
              )
             )
             (br $l22)
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
              (local.get $41)
             )
             (f32x4.extract_lane 1
              (local.get $41)
             )
            )
            (f32.add
             (f32x4.extract_lane 2
              (local.get $41)
             )
             (f32x4.extract_lane 3
              (local.get $41)
             )
            )
           )
          )
          (local.set $47
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
          (local.set $48
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
          (local.set $49
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
          (local.set $50
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
          (local.set $51
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
          (local.set $52
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
          (local.set $1
           (i32.and
            (local.get $13)
            (i32.const 3)
           )
          )
          (local.set $11
           (i32.const 0)
          )
          (loop $l23
           (if
            (i32.eqz
             (i32.le_s
              (local.get $1)
              (local.get $11)
             )
            )
            (then
             (local.set $45
              (f32.add
               (local.get $45)
               (f32.mul
                (local.tee $35
                 (f32.load
                  (local.get $24)
                 )
                )
                (local.tee $42
                 (f32.load
                  (local.get $3)
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
                  (local.get $15)
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
                (local.tee $44
                 (f32.load
                  (local.get $0)
                 )
                )
               )
              )
             )
             (local.set $48
              (f32.add
               (local.get $48)
               (f32.mul
                (local.get $35)
                (local.tee $35
                 (f32.load
                  (local.get $6)
                 )
                )
               )
              )
             )
             (local.set $49
              (f32.add
               (local.get $49)
               (f32.mul
                (local.tee $37
                 (f32.load
                  (local.get $9)
                 )
                )
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
                (local.get $44)
               )
              )
             )
             (local.set $52
              (f32.add
               (local.get $52)
               (f32.mul
                (local.get $37)
                (local.get $35)
               )
              )
             )
             (local.set $24
              (i32.add
               (local.get $24)
               (i32.const 4)
              )
             )
             (local.set $9
              (i32.add
               (local.get $9)
               (i32.const 4)
              )
             )
             (local.set $3
              (i32.add
               (local.get $3)
               (i32.const 4)
              )
             )
             (local.set $15
              (i32.add
               (local.get $15)
               (i32.const 4)
              )
             )
             (local.set $0
              (i32.add
               (local.get $0)
               (i32.const 4)
              )
             )
             (local.set $6
              (i32.add
               (local.get $6)
               (i32.const 4)
              )
             )
             (local.set $11
              (i32.add
               (local.get $11)
               (i32.const 1)
              )
             )
             (br $l23)
            )
           )
          )
          (f32.store
           (i32.const 0)
           (local.get $45)
          )
          (f32.store
           (i32.const 4)
           (local.get $46)
          )
          (f32.store
           (i32.const 8)
           (local.get $47)
          )
          (f32.store
           (i32.const 12)
           (local.get $48)
          )
          (f32.store
           (i32.const 32)
           (local.get $49)
          )
          (f32.store
           (i32.const 36)
           (local.get $50)
          )
          (f32.store
           (i32.const 40)
           (local.get $51)
          )
          (f32.store
           (i32.const 44)
           (local.get $52)
          )
          (local.set $11
           (select
            (i32.const 4)
            (local.tee $0
             (i32.sub
              (local.get $14)
              (local.get $2)
             )
            )
            (i32.ge_s
             (local.get $0)
             (i32.const 4)
            )
           )
          )
          (local.set $0
           (i32.const 2)
          )
          (local.set $3
           (i32.const 0)
          )
          (loop $l26
           (if
            (i32.eqz
             (i32.le_s
              (local.get $0)
              (local.get $3)
             )
            )
            (then
             (local.set $15
              (i32.add
               (local.get $3)
               (local.get $23)
              )
             )
             (local.set $1
              (local.get $11)
             )
             (local.set $9
              (i32.const 0)
             )
             (loop $l24
              (if
               (i32.eqz
                (i32.ge_s
                 (i32.add
                  (local.get $9)
                  (i32.const 3)
                 )
                 (local.get $1)
                )
               )
               (then
                (v128.store align=4
                 (i32.add
                  (global.get $forward.s6)
                  (i32.shl
                   (i32.add
                    (local.tee $6
                     (i32.add
                      (local.get $2)
                      (local.get $9)
                     )
                    )
                    (i32.mul
                     (local.get $15)
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
                     (local.get $9)
                    )
                    (i32.const 2)
                   )
                  )
                  (v128.load align=4
                   (i32.add
                    (global.get $forward.s4)
                    (i32.shl
                     (local.get $6)
                     (i32.const 2)
                    )
                   )
                  )
                 )
                )
                (local.set $9
                 (i32.add
                  (local.get $9)
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
                 (local.get $1)
                 (local.get $9)
                )
               )
               (then
                (f32.store
                 (i32.add
                  (global.get $forward.s6)
                  (i32.shl
                   (i32.add
                    (local.tee $6
                     (i32.add
                      (local.get $2)
                      (local.get $9)
                     )
                    )
                    (i32.mul
                     (local.get $15)
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
                         (local.get $9)
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
                       (local.get $6)
                       (i32.const 2)
                      )
                     )
                    )
                   )
                  )
                 )
                )
                (local.set $9
                 (i32.add
                  (local.get $9)
                  (i32.const 1)
                 )
                )
                (br $l25)
               )
              )
             )
             (local.set $3
              (i32.add
               (local.get $3)
               (i32.const 1)
              )
             )
             (br $l26)
            )
           )
          )
          (local.set $22
           (i32.add
            (local.get $22)
            (i32.const 1)
           )
          )
          (br $l27)
         )
        )
       )
       (local.set $7
        (i32.add
         (local.get $7)
         (i32.const 1)
        )
       )
       (br $l28)
      )
     )
    )
    (local.set $5
     (i32.sub
      (local.get $18)
      (i32.shl
       (local.get $39)
       (i32.const 1)
      )
     )
    )
    (local.set $22
     (i32.const 0)
    )
    (loop $l35
     (if
      (i32.eqz
       (i32.le_s
        (local.get $5)
        (local.get $22)
       )
      )
      (then
       (local.set $15
        (i32.add
         (i32.shl
          (local.get $39)
          (i32.const 1)
         )
         (local.get $22)
        )
       )
       (local.set $20
        (i32.shr_u
         (i32.add
          (local.get $14)
          (i32.const 3)
         )
         (i32.const 2)
        )
       )
       (local.set $23
        (i32.const 0)
       )
       (loop $l34
        (if
         (i32.eqz
          (i32.le_s
           (local.get $20)
           (local.get $23)
          )
         )
         (then
          (local.set $3
           (i32.add
            (local.get $34)
            (i32.shl
             (i32.mul
              (local.get $13)
              (local.get $15)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $7
           (i32.add
            (local.get $12)
            (i32.shl
             (i32.mul
              (select
               (local.tee $2
                (i32.shl
                 (local.get $23)
                 (i32.const 2)
                )
               )
               (local.tee $1
                (i32.sub
                 (local.get $14)
                 (i32.const 1)
                )
               )
               (i32.gt_s
                (local.get $1)
                (local.get $2)
               )
              )
              (local.get $13)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $18
           (i32.add
            (local.get $12)
            (i32.shl
             (i32.mul
              (select
               (local.tee $0
                (i32.add
                 (local.get $2)
                 (i32.const 1)
                )
               )
               (local.get $1)
               (i32.lt_s
                (local.get $0)
                (local.get $1)
               )
              )
              (local.get $13)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $0
           (i32.add
            (local.get $12)
            (i32.shl
             (i32.mul
              (select
               (local.tee $0
                (i32.add
                 (local.get $2)
                 (i32.const 2)
                )
               )
               (local.get $1)
               (i32.lt_s
                (local.get $0)
                (local.get $1)
               )
              )
              (local.get $13)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $6
           (i32.add
            (local.get $12)
            (i32.shl
             (i32.mul
              (select
               (local.tee $11
                (i32.add
                 (local.get $2)
                 (i32.const 3)
                )
               )
               (local.get $1)
               (i32.gt_s
                (local.get $1)
                (local.get $11)
               )
              )
              (local.get $13)
             )
             (i32.const 2)
            )
           )
          )
          (local.set $19
           (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
          )
          (local.set $25
           (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
          )
          (local.set $16
           (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
          )
          (local.set $17
           (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
          )
          (local.set $1
           (i32.const 0)
          )
          (loop $l29
           (if
            (i32.eqz
             (i32.ge_s
              (local.get $1)
              (local.get $4)
             )
            )
            (then
             (local.set $19
              (f32x4.add
               (f32x4.mul
                (local.tee $10
                 (v128.load align=4
                  (local.get $3)
                 )
                )
                (v128.load align=4
                 (local.get $7)
                )
               )
               (local.get $19)
              )
             )
             (local.set $25
              (f32x4.add
               (f32x4.mul
                (local.get $10)
                (v128.load align=4
                 (local.get $18)
                )
               )
               (local.get $25)
              )
             )
             (local.set $16
              (f32x4.add
               (f32x4.mul
                (local.get $10)
                (v128.load align=4
                 (local.get $0)
                )
               )
               (local.get $16)
              )
             )
             (local.set $17
              (f32x4.add
               (f32x4.mul
                (local.get $10)
                (v128.load align=4
                 (local.get $6)
                )
               )
               (local.get $17)
              )
             )
             (local.set $3
              (i32.add
               (local.get $3)
               (i32.const 16)
              )
             )
             (local.set $7
              (i32.add
               (local.get $7)
               (i32.const 16)
              )
             )
             (local.set $18
              (i32.add
               (local.get $18)
               (i32.const 16)
              )
             )
             (local.set $0
              (i32.add
               (local.get $0)
               (i32.const 16)
              )
             )
             (local.set $6
              (i32.add
               (local.get $6)
               (i32.const 16)
              )
             )
             (local.set $1
              (i32.add
               (local.get $1)
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
          (local.set $43
           (f32.add
            (f32.add
             (f32x4.extract_lane 0
              (local.get $16)
             )
             (f32x4.extract_lane 1
              (local.get $16)
             )
            )
            (f32.add
             (f32x4.extract_lane 2
              (local.get $16)
             )
             (f32x4.extract_lane 3
              (local.get $16)
             )
            )
           )
          )
          (local.set $44
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
          (local.set $1
           (i32.and
            (local.get $13)
            (i32.const 3)
           )
          )
          (local.set $11
           (i32.const 0)
          )
          (loop $l30
           (if
            (i32.eqz
             (i32.le_s
              (local.get $1)
              (local.get $11)
             )
            )
            (then
             (local.set $37
              (f32.add
               (local.get $37)
               (f32.mul
                (local.tee $35
                 (f32.load
                  (local.get $3)
                 )
                )
                (f32.load
                 (local.get $7)
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
                 (local.get $18)
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
                 (local.get $0)
                )
               )
              )
             )
             (local.set $44
              (f32.add
               (local.get $44)
               (f32.mul
                (local.get $35)
                (f32.load
                 (local.get $6)
                )
               )
              )
             )
             (local.set $3
              (i32.add
               (local.get $3)
               (i32.const 4)
              )
             )
             (local.set $7
              (i32.add
               (local.get $7)
               (i32.const 4)
              )
             )
             (local.set $18
              (i32.add
               (local.get $18)
               (i32.const 4)
              )
             )
             (local.set $0
              (i32.add
               (local.get $0)
               (i32.const 4)
              )
             )
             (local.set $6
              (i32.add
               (local.get $6)
               (i32.const 4)
              )
             )
             (local.set $11
              (i32.add
               (local.get $11)
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
           (local.get $42)
          )
          (f32.store
           (i32.const 8)
           (local.get $43)
          )
          (f32.store
           (i32.const 12)
           (local.get $44)
          )
          (local.set $11
           (select
            (i32.const 4)
            (local.tee $0
             (i32.sub
              (local.get $14)
              (local.get $2)
             )
            )
            (i32.ge_s
             (local.get $0)
             (i32.const 4)
            )
           )
          )
          (local.set $0
           (i32.const 1)
          )
          (local.set $7
           (i32.const 0)
          )
          (loop $l33
           (if
            (i32.eqz
             (i32.le_s
              (local.get $0)
              (local.get $7)
             )
            )
            (then
             (local.set $18
              (i32.add
               (local.get $7)
               (local.get $15)
              )
             )
             (local.set $1
              (local.get $11)
             )
             (local.set $3
              (i32.const 0)
             )
             (loop $l31
              (if
               (i32.eqz
                (i32.ge_s
                 (i32.add
                  (local.get $3)
                  (i32.const 3)
                 )
                 (local.get $1)
                )
               )
               (then
                (v128.store align=4
                 (i32.add
                  (global.get $forward.s6)
                  (i32.shl
                   (i32.add
                    (local.tee $6
                     (i32.add
                      (local.get $2)
                      (local.get $3)
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
                      (local.get $7)
                      (i32.const 3)
                     )
                     (local.get $3)
                    )
                    (i32.const 2)
                   )
                  )
                  (v128.load align=4
                   (i32.add
                    (global.get $forward.s4)
                    (i32.shl
                     (local.get $6)
                     (i32.const 2)
                    )
                   )
                  )
                 )
                )
                (local.set $3
                 (i32.add
                  (local.get $3)
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
                 (local.get $1)
                 (local.get $3)
                )
               )
               (then
                (f32.store
                 (i32.add
                  (global.get $forward.s6)
                  (i32.shl
                   (i32.add
                    (local.tee $6
                     (i32.add
                      (local.get $2)
                      (local.get $3)
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
                          (local.get $7)
                          (i32.const 3)
                         )
                         (local.get $3)
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
                       (local.get $6)
                       (i32.const 2)
                      )
                     )
                    )
                   )
                  )
                 )
                )
                (local.set $3
                 (i32.add
                  (local.get $3)
                  (i32.const 1)
                 )
                )
                (br $l32)
               )
              )
             )
             (local.set $7
              (i32.add
               (local.get $7)
               (i32.const 1)
              )
             )
             (br $l33)
            )
           )
          )
          (local.set $23
           (i32.add
            (local.get $23)
            (i32.const 1)
           )
          )
          (br $l34)
         )
        )
       )
       (local.set $22
        (i32.add
         (local.get $22)
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
