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
 (func $forward
  (local $0 i32)
  (local $1 i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local $6 f64)
  (local $7 f64)
  (local $8 f64)
  (local $9 f64)
  (local $10 i32)
  (local $11 f64)
  (local $12 f64)
  (local $13 f64)
  (local $14 i32)
  (local $15 i32)
  (local $16 f64)
  (local $17 f64)
  (local $18 f64)
  (local $19 f64)
  (local $20 i32)
  (local $21 i32)
  (local $22 i32)
  (local $23 i32)
  (local $24 i32)
  (local $25 i32)
  (local $26 i32)
  (local $27 i32)
  (local $28 i32)
  (local $29 i32)
  (local $30 i32)
  (local $31 f64)
  (local $32 f64)
  (local $33 f64)
  (local $34 f64)
  (local $35 f64)
  (local $36 f64)
  (local $37 f64)
  (local $38 f64)
  (local $39 f64)
  (local $40 f64)
  (local $41 i32)
  (local $42 i32)
  (local.set $15
   (i32.div_s
    (global.get $d.batch)
    (i32.const 4)
   )
  )
  (loop $l0
   (if
    (i32.lt_s
     (local.get $5)
     (local.get $15)
    )
    (then
     (local.set $10
      (i32.const 0)
     )
     (loop $l1
      (if
       (i32.lt_s
        (local.get $10)
        (i32.const 2)
       )
       (then
        (local.set $20
         (i32.shl
          (local.tee $14
           (local.tee $0
            (i32.shl
             (local.get $5)
             (i32.const 2)
            )
           )
          )
          (i32.const 2)
         )
        )
        (local.set $22
         (i32.shl
          (local.tee $21
           (i32.add
            (local.get $0)
            (i32.const 1)
           )
          )
          (i32.const 2)
         )
        )
        (local.set $24
         (i32.shl
          (local.tee $23
           (i32.add
            (local.get $0)
            (i32.const 2)
           )
          )
          (i32.const 2)
         )
        )
        (local.set $26
         (i32.shl
          (local.tee $25
           (i32.add
            (local.get $0)
            (i32.const 3)
           )
          )
          (i32.const 2)
         )
        )
        (local.set $27
         (i32.shl
          (local.tee $1
           (local.tee $0
            (i32.shl
             (local.get $10)
             (i32.const 2)
            )
           )
          )
          (i32.const 2)
         )
        )
        (local.set $28
         (i32.shl
          (local.tee $2
           (i32.add
            (local.get $0)
            (i32.const 1)
           )
          )
          (i32.const 2)
         )
        )
        (local.set $29
         (i32.shl
          (local.tee $3
           (i32.add
            (local.get $0)
            (i32.const 2)
           )
          )
          (i32.const 2)
         )
        )
        (local.set $30
         (i32.shl
          (local.tee $4
           (i32.add
            (local.get $0)
            (i32.const 3)
           )
          )
          (i32.const 2)
         )
        )
        (local.set $11
         (f64.const 0)
        )
        (local.set $6
         (f64.const 0)
        )
        (local.set $7
         (f64.const 0)
        )
        (local.set $8
         (f64.const 0)
        )
        (local.set $9
         (f64.const 0)
        )
        (local.set $12
         (f64.const 0)
        )
        (local.set $16
         (f64.const 0)
        )
        (local.set $17
         (f64.const 0)
        )
        (local.set $18
         (f64.const 0)
        )
        (local.set $31
         (f64.const 0)
        )
        (local.set $32
         (f64.const 0)
        )
        (local.set $33
         (f64.const 0)
        )
        (local.set $34
         (f64.const 0)
        )
        (local.set $35
         (f64.const 0)
        )
        (local.set $36
         (f64.const 0)
        )
        (local.set $37
         (f64.const 0)
        )
        (local.set $0
         (i32.const 0)
        )
        (loop $l2
         (if
          (i32.lt_s
           (local.get $0)
           (i32.const 4)
          )
          (then
           (local.set $11
            (f64.add
             (local.get $11)
             (f64.mul
              (local.tee $19
               (f64.promote_f32
                (f32.load
                 (i32.add
                  (global.get $forward.s0)
                  (i32.shl
                   (i32.add
                    (local.get $0)
                    (local.get $20)
                   )
                   (i32.const 2)
                  )
                 )
                )
               )
              )
              (local.tee $38
               (f64.promote_f32
                (f32.load
                 (i32.add
                  (global.get $forward.s1)
                  (i32.shl
                   (i32.add
                    (local.get $0)
                    (local.get $27)
                   )
                   (i32.const 2)
                  )
                 )
                )
               )
              )
             )
            )
           )
           (local.set $6
            (f64.add
             (local.get $6)
             (f64.mul
              (local.get $19)
              (local.tee $39
               (f64.promote_f32
                (f32.load
                 (i32.add
                  (global.get $forward.s1)
                  (i32.shl
                   (i32.add
                    (local.get $0)
                    (local.get $28)
                   )
                   (i32.const 2)
                  )
                 )
                )
               )
              )
             )
            )
           )
           (local.set $7
            (f64.add
             (local.get $7)
             (f64.mul
              (local.get $19)
              (local.tee $40
               (f64.promote_f32
                (f32.load
                 (i32.add
                  (global.get $forward.s1)
                  (i32.shl
                   (i32.add
                    (local.get $0)
                    (local.get $29)
                   )
                   (i32.const 2)
                  )
                 )
                )
               )
              )
             )
            )
           )
           (local.set $8
            (f64.add
             (local.get $8)
             (f64.mul
              (local.get $19)
              (local.tee $19
               (f64.promote_f32
                (f32.load
                 (i32.add
                  (global.get $forward.s1)
                  (i32.shl
                   (i32.add
                    (local.get $0)
                    (local.get $30)
                   )
                   (i32.const 2)
                  )
                 )
                )
               )
              )
             )
            )
           )
           (local.set $9
            (f64.add
             (local.get $9)
             (f64.mul
              (local.tee $13
               (f64.promote_f32
                (f32.load
                 (i32.add
                  (global.get $forward.s0)
                  (i32.shl
                   (i32.add
                    (local.get $0)
                    (local.get $22)
                   )
                   (i32.const 2)
                  )
                 )
                )
               )
              )
              (local.get $38)
             )
            )
           )
           (local.set $12
            (f64.add
             (local.get $12)
             (f64.mul
              (local.get $13)
              (local.get $39)
             )
            )
           )
           (local.set $16
            (f64.add
             (local.get $16)
             (f64.mul
              (local.get $13)
              (local.get $40)
             )
            )
           )
           (local.set $17
            (f64.add
             (local.get $17)
             (f64.mul
              (local.get $13)
              (local.get $19)
             )
            )
           )
           (local.set $18
            (f64.add
             (local.get $18)
             (f64.mul
              (local.tee $13
               (f64.promote_f32
                (f32.load
                 (i32.add
                  (global.get $forward.s0)
                  (i32.shl
                   (i32.add
                    (local.get $0)
                    (local.get $24)
                   )
                   (i32.const 2)
                  )
                 )
                )
               )
              )
              (local.get $38)
             )
            )
           )
           (local.set $31
            (f64.add
             (local.get $31)
             (f64.mul
              (local.get $13)
              (local.get $39)
             )
            )
           )
           (local.set $32
            (f64.add
             (local.get $32)
             (f64.mul
              (local.get $13)
              (local.get $40)
             )
            )
           )
           (local.set $33
            (f64.add
             (local.get $33)
             (f64.mul
              (local.get $13)
              (local.get $19)
             )
            )
           )
           (local.set $34
            (f64.add
             (local.get $34)
             (f64.mul
              (local.tee $13
               (f64.promote_f32
                (f32.load
                 (i32.add
                  (global.get $forward.s0)
                  (i32.shl
                   (i32.add
                    (local.get $0)
                    (local.get $26)
                   )
                   (i32.const 2)
                  )
                 )
                )
               )
              )
              (local.get $38)
             )
            )
           )
           (local.set $35
            (f64.add
             (local.get $35)
             (f64.mul
              (local.get $13)
              (local.get $39)
             )
            )
           )
           (local.set $36
            (f64.add
             (local.get $36)
             (f64.mul
              (local.get $13)
              (local.get $40)
             )
            )
           )
           (local.set $37
            (f64.add
             (local.get $37)
             (f64.mul
              (local.get $13)
              (local.get $19)
             )
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
        (f32.store
         (i32.add
          (global.get $forward.s5)
          (i32.shl
           (i32.add
            (local.tee $0
             (i32.shl
              (local.get $14)
              (i32.const 3)
             )
            )
            (local.get $1)
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
                (local.get $11)
               )
              )
              (f64.promote_f32
               (f32.load
                (i32.add
                 (global.get $forward.s2)
                 (i32.shl
                  (local.get $1)
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
        (f32.store
         (i32.add
          (global.get $forward.s5)
          (i32.shl
           (i32.add
            (local.get $0)
            (local.get $2)
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
                (local.get $6)
               )
              )
              (f64.promote_f32
               (f32.load
                (i32.add
                 (global.get $forward.s2)
                 (i32.shl
                  (local.get $2)
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
        (f32.store
         (i32.add
          (global.get $forward.s5)
          (i32.shl
           (i32.add
            (local.get $0)
            (local.get $3)
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
                (local.get $7)
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
        (f32.store
         (i32.add
          (global.get $forward.s5)
          (i32.shl
           (i32.add
            (local.get $0)
            (local.get $4)
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
                (local.get $8)
               )
              )
              (f64.promote_f32
               (f32.load
                (i32.add
                 (global.get $forward.s2)
                 (i32.shl
                  (local.get $4)
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
        (f32.store
         (i32.add
          (global.get $forward.s5)
          (i32.shl
           (i32.add
            (local.tee $0
             (i32.shl
              (local.get $21)
              (i32.const 3)
             )
            )
            (local.get $1)
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
                (local.get $9)
               )
              )
              (f64.promote_f32
               (f32.load
                (i32.add
                 (global.get $forward.s2)
                 (i32.shl
                  (local.get $1)
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
        (f32.store
         (i32.add
          (global.get $forward.s5)
          (i32.shl
           (i32.add
            (local.get $0)
            (local.get $2)
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
                (local.get $12)
               )
              )
              (f64.promote_f32
               (f32.load
                (i32.add
                 (global.get $forward.s2)
                 (i32.shl
                  (local.get $2)
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
        (f32.store
         (i32.add
          (global.get $forward.s5)
          (i32.shl
           (i32.add
            (local.get $0)
            (local.get $3)
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
                (local.get $16)
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
        (f32.store
         (i32.add
          (global.get $forward.s5)
          (i32.shl
           (i32.add
            (local.get $0)
            (local.get $4)
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
                (local.get $17)
               )
              )
              (f64.promote_f32
               (f32.load
                (i32.add
                 (global.get $forward.s2)
                 (i32.shl
                  (local.get $4)
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
        (f32.store
         (i32.add
          (global.get $forward.s5)
          (i32.shl
           (i32.add
            (local.tee $0
             (i32.shl
              (local.get $23)
              (i32.const 3)
             )
            )
            (local.get $1)
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
                (local.get $18)
               )
              )
              (f64.promote_f32
               (f32.load
                (i32.add
                 (global.get $forward.s2)
                 (i32.shl
                  (local.get $1)
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
        (f32.store
         (i32.add
          (global.get $forward.s5)
          (i32.shl
           (i32.add
            (local.get $0)
            (local.get $2)
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
                (local.get $31)
               )
              )
              (f64.promote_f32
               (f32.load
                (i32.add
                 (global.get $forward.s2)
                 (i32.shl
                  (local.get $2)
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
        (f32.store
         (i32.add
          (global.get $forward.s5)
          (i32.shl
           (i32.add
            (local.get $0)
            (local.get $3)
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
                (local.get $32)
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
        (f32.store
         (i32.add
          (global.get $forward.s5)
          (i32.shl
           (i32.add
            (local.get $0)
            (local.get $4)
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
                (local.get $33)
               )
              )
              (f64.promote_f32
               (f32.load
                (i32.add
                 (global.get $forward.s2)
                 (i32.shl
                  (local.get $4)
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
        (f32.store
         (i32.add
          (global.get $forward.s5)
          (i32.shl
           (i32.add
            (local.tee $0
             (i32.shl
              (local.get $25)
              (i32.const 3)
             )
            )
            (local.get $1)
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
                (local.get $34)
               )
              )
              (f64.promote_f32
               (f32.load
                (i32.add
                 (global.get $forward.s2)
                 (i32.shl
                  (local.get $1)
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
        (f32.store
         (i32.add
          (global.get $forward.s5)
          (i32.shl
           (i32.add
            (local.get $0)
            (local.get $2)
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
                (local.get $35)
               )
              )
              (f64.promote_f32
               (f32.load
                (i32.add
                 (global.get $forward.s2)
                 (i32.shl
                  (local.get $2)
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
        (f32.store
         (i32.add
          (global.get $forward.s5)
          (i32.shl
           (i32.add
            (local.get $0)
            (local.get $3)
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
                (local.get $36)
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
        (f32.store
         (i32.add
          (global.get $forward.s5)
          (i32.shl
           (i32.add
            (local.get $0)
            (local.get $4)
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
                (local.get $37)
               )
              )
              (f64.promote_f32
               (f32.load
                (i32.add
                 (global.get $forward.s2)
                 (i32.shl
                  (local.get $4)
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
        (local.set $10
         (i32.add
          (local.get $10)
          (i32.const 1)
         )
        )
        (br $l1)
       )
      )
     )
     (local.set $5
      (i32.add
       (local.get $5)
       (i32.const 1)
      )
     )
     (br $l0)
    )
   )
  )
  (local.set $22
   (i32.rem_s
    (global.get $d.batch)
    (i32.const 4)
   )
  )
  (local.set $1
   (i32.const 0)
  )
  (loop $l3
   (if
    (i32.lt_s
     (local.get $1)
     (local.get $22)
    )
    (then
     (local.set $2
      (i32.const 0)
     )
     (loop $l4
      (if
       (i32.le_s
        (local.get $2)
        (i32.const 0)
       )
       (then
        (local.set $24
         (i32.shl
          (local.tee $23
           (i32.add
            (i32.shl
             (i32.div_s
              (global.get $d.batch)
              (i32.const 4)
             )
             (i32.const 2)
            )
            (local.get $1)
           )
          )
          (i32.const 2)
         )
        )
        (local.set $25
         (i32.shl
          (local.tee $3
           (local.tee $0
            (i32.shl
             (local.get $2)
             (i32.const 3)
            )
           )
          )
          (i32.const 2)
         )
        )
        (local.set $26
         (i32.shl
          (local.tee $4
           (i32.add
            (local.get $0)
            (i32.const 1)
           )
          )
          (i32.const 2)
         )
        )
        (local.set $27
         (i32.shl
          (local.tee $5
           (i32.add
            (local.get $0)
            (i32.const 2)
           )
          )
          (i32.const 2)
         )
        )
        (local.set $28
         (i32.shl
          (local.tee $10
           (i32.add
            (local.get $0)
            (i32.const 3)
           )
          )
          (i32.const 2)
         )
        )
        (local.set $29
         (i32.shl
          (local.tee $15
           (i32.add
            (local.get $0)
            (i32.const 4)
           )
          )
          (i32.const 2)
         )
        )
        (local.set $30
         (i32.shl
          (local.tee $14
           (i32.add
            (local.get $0)
            (i32.const 5)
           )
          )
          (i32.const 2)
         )
        )
        (local.set $41
         (i32.shl
          (local.tee $20
           (i32.add
            (local.get $0)
            (i32.const 6)
           )
          )
          (i32.const 2)
         )
        )
        (local.set $42
         (i32.shl
          (local.tee $21
           (i32.add
            (local.get $0)
            (i32.const 7)
           )
          )
          (i32.const 2)
         )
        )
        (local.set $6
         (f64.const 0)
        )
        (local.set $7
         (f64.const 0)
        )
        (local.set $8
         (f64.const 0)
        )
        (local.set $9
         (f64.const 0)
        )
        (local.set $12
         (f64.const 0)
        )
        (local.set $16
         (f64.const 0)
        )
        (local.set $17
         (f64.const 0)
        )
        (local.set $18
         (f64.const 0)
        )
        (local.set $0
         (i32.const 0)
        )
        (loop $l5
         (if
          (i32.lt_s
           (local.get $0)
           (i32.const 4)
          )
          (then
           (local.set $6
            (f64.add
             (local.get $6)
             (f64.mul
              (local.tee $11
               (f64.promote_f32
                (f32.load
                 (i32.add
                  (global.get $forward.s0)
                  (i32.shl
                   (i32.add
                    (local.get $0)
                    (local.get $24)
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
                 (global.get $forward.s1)
                 (i32.shl
                  (i32.add
                   (local.get $0)
                   (local.get $25)
                  )
                  (i32.const 2)
                 )
                )
               )
              )
             )
            )
           )
           (local.set $7
            (f64.add
             (local.get $7)
             (f64.mul
              (local.get $11)
              (f64.promote_f32
               (f32.load
                (i32.add
                 (global.get $forward.s1)
                 (i32.shl
                  (i32.add
                   (local.get $0)
                   (local.get $26)
                  )
                  (i32.const 2)
                 )
                )
               )
              )
             )
            )
           )
           (local.set $8
            (f64.add
             (local.get $8)
             (f64.mul
              (local.get $11)
              (f64.promote_f32
               (f32.load
                (i32.add
                 (global.get $forward.s1)
                 (i32.shl
                  (i32.add
                   (local.get $0)
                   (local.get $27)
                  )
                  (i32.const 2)
                 )
                )
               )
              )
             )
            )
           )
           (local.set $9
            (f64.add
             (local.get $9)
             (f64.mul
              (local.get $11)
              (f64.promote_f32
               (f32.load
                (i32.add
                 (global.get $forward.s1)
                 (i32.shl
                  (i32.add
                   (local.get $0)
                   (local.get $28)
                  )
                  (i32.const 2)
                 )
                )
               )
              )
             )
            )
           )
           (local.set $12
            (f64.add
             (local.get $12)
             (f64.mul
              (local.get $11)
              (f64.promote_f32
               (f32.load
                (i32.add
                 (global.get $forward.s1)
                 (i32.shl
                  (i32.add
                   (local.get $0)
                   (local.get $29)
                  )
                  (i32.const 2)
                 )
                )
               )
              )
             )
            )
           )
           (local.set $16
            (f64.add
             (local.get $16)
             (f64.mul
              (local.get $11)
              (f64.promote_f32
               (f32.load
                (i32.add
                 (global.get $forward.s1)
                 (i32.shl
                  (i32.add
                   (local.get $0)
                   (local.get $30)
                  )
                  (i32.const 2)
                 )
                )
               )
              )
             )
            )
           )
           (local.set $17
            (f64.add
             (local.get $17)
             (f64.mul
              (local.get $11)
              (f64.promote_f32
               (f32.load
                (i32.add
                 (global.get $forward.s1)
                 (i32.shl
                  (i32.add
                   (local.get $0)
                   (local.get $41)
                  )
                  (i32.const 2)
                 )
                )
               )
              )
             )
            )
           )
           (local.set $18
            (f64.add
             (local.get $18)
             (f64.mul
              (local.get $11)
              (f64.promote_f32
               (f32.load
                (i32.add
                 (global.get $forward.s1)
                 (i32.shl
                  (i32.add
                   (local.get $0)
                   (local.get $42)
                  )
                  (i32.const 2)
                 )
                )
               )
              )
             )
            )
           )
           (local.set $0
            (i32.add
             (local.get $0)
             (i32.const 1)
            )
           )
           (br $l5)
          )
         )
        )
        (f32.store
         (i32.add
          (global.get $forward.s5)
          (i32.shl
           (i32.add
            (local.tee $0
             (i32.shl
              (local.get $23)
              (i32.const 3)
             )
            )
            (local.get $3)
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
                (local.get $6)
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
        (f32.store
         (i32.add
          (global.get $forward.s5)
          (i32.shl
           (i32.add
            (local.get $0)
            (local.get $4)
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
                (local.get $7)
               )
              )
              (f64.promote_f32
               (f32.load
                (i32.add
                 (global.get $forward.s2)
                 (i32.shl
                  (local.get $4)
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
        (f32.store
         (i32.add
          (global.get $forward.s5)
          (i32.shl
           (i32.add
            (local.get $0)
            (local.get $5)
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
                (local.get $8)
               )
              )
              (f64.promote_f32
               (f32.load
                (i32.add
                 (global.get $forward.s2)
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
           (f64.const 0)
          )
         )
        )
        (f32.store
         (i32.add
          (global.get $forward.s5)
          (i32.shl
           (i32.add
            (local.get $0)
            (local.get $10)
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
                (local.get $9)
               )
              )
              (f64.promote_f32
               (f32.load
                (i32.add
                 (global.get $forward.s2)
                 (i32.shl
                  (local.get $10)
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
        (f32.store
         (i32.add
          (global.get $forward.s5)
          (i32.shl
           (i32.add
            (local.get $0)
            (local.get $15)
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
                (local.get $12)
               )
              )
              (f64.promote_f32
               (f32.load
                (i32.add
                 (global.get $forward.s2)
                 (i32.shl
                  (local.get $15)
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
        (f32.store
         (i32.add
          (global.get $forward.s5)
          (i32.shl
           (i32.add
            (local.get $0)
            (local.get $14)
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
                (local.get $16)
               )
              )
              (f64.promote_f32
               (f32.load
                (i32.add
                 (global.get $forward.s2)
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
           (f64.const 0)
          )
         )
        )
        (f32.store
         (i32.add
          (global.get $forward.s5)
          (i32.shl
           (i32.add
            (local.get $0)
            (local.get $20)
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
                (local.get $17)
               )
              )
              (f64.promote_f32
               (f32.load
                (i32.add
                 (global.get $forward.s2)
                 (i32.shl
                  (local.get $20)
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
        (f32.store
         (i32.add
          (global.get $forward.s5)
          (i32.shl
           (i32.add
            (local.get $0)
            (local.get $21)
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
                (local.get $18)
               )
              )
              (f64.promote_f32
               (f32.load
                (i32.add
                 (global.get $forward.s2)
                 (i32.shl
                  (local.get $21)
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
        (br $l4)
       )
      )
     )
     (local.set $1
      (i32.add
       (local.get $1)
       (i32.const 1)
      )
     )
     (br $l3)
    )
   )
  )
  (local.set $2
   (i32.const 0)
  )
  (local.set $3
   (i32.div_s
    (global.get $d.batch)
    (i32.const 4)
   )
  )
  (loop $l00
   (if
    (i32.lt_s
     (local.get $2)
     (local.get $3)
    )
    (then
     (local.set $0
      (i32.const 0)
     )
     (loop $l11
      (if
       (i32.lt_s
        (local.get $0)
        (i32.const 3)
       )
       (then
        (local.set $5
         (i32.shl
          (local.tee $4
           (local.tee $1
            (i32.shl
             (local.get $2)
             (i32.const 2)
            )
           )
          )
          (i32.const 3)
         )
        )
        (local.set $15
         (i32.shl
          (local.tee $10
           (i32.add
            (local.get $1)
            (i32.const 1)
           )
          )
          (i32.const 3)
         )
        )
        (local.set $20
         (i32.shl
          (local.tee $14
           (i32.add
            (local.get $1)
            (i32.const 2)
           )
          )
          (i32.const 3)
         )
        )
        (local.set $22
         (i32.shl
          (local.tee $21
           (i32.add
            (local.get $1)
            (i32.const 3)
           )
          )
          (i32.const 3)
         )
        )
        (local.set $23
         (i32.shl
          (local.get $0)
          (i32.const 3)
         )
        )
        (local.set $6
         (f64.const 0)
        )
        (local.set $7
         (f64.const 0)
        )
        (local.set $8
         (f64.const 0)
        )
        (local.set $9
         (f64.const 0)
        )
        (local.set $1
         (i32.const 0)
        )
        (loop $l22
         (if
          (i32.lt_s
           (local.get $1)
           (i32.const 8)
          )
          (then
           (local.set $6
            (f64.add
             (local.get $6)
             (f64.mul
              (f64.promote_f32
               (f32.load
                (i32.add
                 (global.get $forward.s5)
                 (i32.shl
                  (i32.add
                   (local.get $1)
                   (local.get $5)
                  )
                  (i32.const 2)
                 )
                )
               )
              )
              (local.tee $12
               (f64.promote_f32
                (f32.load
                 (i32.add
                  (global.get $forward.s3)
                  (i32.shl
                   (i32.add
                    (local.get $1)
                    (local.get $23)
                   )
                   (i32.const 2)
                  )
                 )
                )
               )
              )
             )
            )
           )
           (local.set $7
            (f64.add
             (local.get $7)
             (f64.mul
              (f64.promote_f32
               (f32.load
                (i32.add
                 (global.get $forward.s5)
                 (i32.shl
                  (i32.add
                   (local.get $1)
                   (local.get $15)
                  )
                  (i32.const 2)
                 )
                )
               )
              )
              (local.get $12)
             )
            )
           )
           (local.set $8
            (f64.add
             (local.get $8)
             (f64.mul
              (f64.promote_f32
               (f32.load
                (i32.add
                 (global.get $forward.s5)
                 (i32.shl
                  (i32.add
                   (local.get $1)
                   (local.get $20)
                  )
                  (i32.const 2)
                 )
                )
               )
              )
              (local.get $12)
             )
            )
           )
           (local.set $9
            (f64.add
             (local.get $9)
             (f64.mul
              (f64.promote_f32
               (f32.load
                (i32.add
                 (global.get $forward.s5)
                 (i32.shl
                  (i32.add
                   (local.get $1)
                   (local.get $22)
                  )
                  (i32.const 2)
                 )
                )
               )
              )
              (local.get $12)
             )
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
        (f32.store
         (i32.add
          (global.get $forward.s6)
          (i32.shl
           (i32.add
            (i32.mul
             (local.get $4)
             (i32.const 3)
            )
            (local.get $0)
           )
           (i32.const 2)
          )
         )
         (f32.demote_f64
          (f64.add
           (f64.promote_f32
            (f32.demote_f64
             (local.get $6)
            )
           )
           (f64.promote_f32
            (f32.load
             (i32.add
              (global.get $forward.s4)
              (i32.shl
               (local.get $0)
               (i32.const 2)
              )
             )
            )
           )
          )
         )
        )
        (f32.store
         (i32.add
          (global.get $forward.s6)
          (i32.shl
           (i32.add
            (i32.mul
             (local.get $10)
             (i32.const 3)
            )
            (local.get $0)
           )
           (i32.const 2)
          )
         )
         (f32.demote_f64
          (f64.add
           (f64.promote_f32
            (f32.demote_f64
             (local.get $7)
            )
           )
           (f64.promote_f32
            (f32.load
             (i32.add
              (global.get $forward.s4)
              (i32.shl
               (local.get $0)
               (i32.const 2)
              )
             )
            )
           )
          )
         )
        )
        (f32.store
         (i32.add
          (global.get $forward.s6)
          (i32.shl
           (i32.add
            (i32.mul
             (local.get $14)
             (i32.const 3)
            )
            (local.get $0)
           )
           (i32.const 2)
          )
         )
         (f32.demote_f64
          (f64.add
           (f64.promote_f32
            (f32.demote_f64
             (local.get $8)
            )
           )
           (f64.promote_f32
            (f32.load
             (i32.add
              (global.get $forward.s4)
              (i32.shl
               (local.get $0)
               (i32.const 2)
              )
             )
            )
           )
          )
         )
        )
        (f32.store
         (i32.add
          (global.get $forward.s6)
          (i32.shl
           (i32.add
            (i32.mul
             (local.get $21)
             (i32.const 3)
            )
            (local.get $0)
           )
           (i32.const 2)
          )
         )
         (f32.demote_f64
          (f64.add
           (f64.promote_f32
            (f32.demote_f64
             (local.get $9)
            )
           )
           (f64.promote_f32
            (f32.load
             (i32.add
              (global.get $forward.s4)
              (i32.shl
               (local.get $0)
               (i32.const 2)
              )
             )
            )
           )
          )
         )
        )
        (local.set $0
         (i32.add
          (local.get $0)
          (i32.const 1)
         )
        )
        (br $l11)
       )
      )
     )
     (local.set $2
      (i32.add
       (local.get $2)
       (i32.const 1)
      )
     )
     (br $l00)
    )
   )
  )
  (local.set $10
   (i32.rem_s
    (global.get $d.batch)
    (i32.const 4)
   )
  )
  (local.set $2
   (i32.const 0)
  )
  (loop $l33
   (if
    (i32.lt_s
     (local.get $2)
     (local.get $10)
    )
    (then
     (local.set $1
      (i32.const 0)
     )
     (loop $l44
      (if
       (i32.lt_s
        (local.get $1)
        (i32.const 3)
       )
       (then
        (local.set $3
         (i32.shl
          (local.tee $15
           (i32.add
            (i32.shl
             (i32.div_s
              (global.get $d.batch)
              (i32.const 4)
             )
             (i32.const 2)
            )
            (local.get $2)
           )
          )
          (i32.const 3)
         )
        )
        (local.set $4
         (i32.shl
          (local.get $1)
          (i32.const 3)
         )
        )
        (local.set $6
         (f64.const 0)
        )
        (local.set $7
         (f64.const 0)
        )
        (local.set $8
         (f64.const 0)
        )
        (local.set $9
         (f64.const 0)
        )
        (local.set $0
         (i32.const 0)
        )
        (loop $l55
         (if
          (i32.lt_s
           (local.get $0)
           (i32.const 2)
          )
          (then
           (local.set $6
            (f64.add
             (local.get $6)
             (f64.mul
              (f64.promote_f32
               (f32.load
                (i32.add
                 (global.get $forward.s5)
                 (i32.shl
                  (i32.add
                   (local.get $3)
                   (local.tee $5
                    (i32.shl
                     (local.get $0)
                     (i32.const 2)
                    )
                   )
                  )
                  (i32.const 2)
                 )
                )
               )
              )
              (f64.promote_f32
               (f32.load
                (i32.add
                 (global.get $forward.s3)
                 (i32.shl
                  (i32.add
                   (local.get $4)
                   (local.get $5)
                  )
                  (i32.const 2)
                 )
                )
               )
              )
             )
            )
           )
           (local.set $7
            (f64.add
             (local.get $7)
             (f64.mul
              (f64.promote_f32
               (f32.load
                (i32.add
                 (global.get $forward.s5)
                 (i32.shl
                  (i32.add
                   (local.get $3)
                   (local.tee $14
                    (i32.add
                     (local.get $5)
                     (i32.const 1)
                    )
                   )
                  )
                  (i32.const 2)
                 )
                )
               )
              )
              (f64.promote_f32
               (f32.load
                (i32.add
                 (global.get $forward.s3)
                 (i32.shl
                  (i32.add
                   (local.get $4)
                   (local.get $14)
                  )
                  (i32.const 2)
                 )
                )
               )
              )
             )
            )
           )
           (local.set $8
            (f64.add
             (local.get $8)
             (f64.mul
              (f64.promote_f32
               (f32.load
                (i32.add
                 (global.get $forward.s5)
                 (i32.shl
                  (i32.add
                   (local.get $3)
                   (local.tee $14
                    (i32.add
                     (local.get $5)
                     (i32.const 2)
                    )
                   )
                  )
                  (i32.const 2)
                 )
                )
               )
              )
              (f64.promote_f32
               (f32.load
                (i32.add
                 (global.get $forward.s3)
                 (i32.shl
                  (i32.add
                   (local.get $4)
                   (local.get $14)
                  )
                  (i32.const 2)
                 )
                )
               )
              )
             )
            )
           )
           (local.set $9
            (f64.add
             (local.get $9)
             (f64.mul
              (f64.promote_f32
               (f32.load
                (i32.add
                 (global.get $forward.s5)
                 (i32.shl
                  (i32.add
                   (local.get $3)
                   (local.tee $5
                    (i32.add
                     (local.get $5)
                     (i32.const 3)
                    )
                   )
                  )
                  (i32.const 2)
                 )
                )
               )
              )
              (f64.promote_f32
               (f32.load
                (i32.add
                 (global.get $forward.s3)
                 (i32.shl
                  (i32.add
                   (local.get $4)
                   (local.get $5)
                  )
                  (i32.const 2)
                 )
                )
               )
              )
             )
            )
           )
           (local.set $0
            (i32.add
             (local.get $0)
             (i32.const 1)
            )
           )
           (br $l55)
          )
         )
        )
        (f32.store
         (i32.add
          (global.get $forward.s6)
          (i32.shl
           (i32.add
            (i32.mul
             (local.get $15)
             (i32.const 3)
            )
            (local.get $1)
           )
           (i32.const 2)
          )
         )
         (f32.demote_f64
          (f64.add
           (f64.promote_f32
            (f32.demote_f64
             (f64.add
              (f64.add
               (local.get $6)
               (local.get $7)
              )
              (f64.add
               (local.get $8)
               (local.get $9)
              )
             )
            )
           )
           (f64.promote_f32
            (f32.load
             (i32.add
              (global.get $forward.s4)
              (i32.shl
               (local.get $1)
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
        (br $l44)
       )
      )
     )
     (local.set $2
      (i32.add
       (local.get $2)
       (i32.const 1)
      )
     )
     (br $l33)
    )
   )
  )
 )
)
