// ===== forward.k0_relu
// k0_relu: matmul %fc1.matmul, add %fc1.add, relu %fc1

@group(0) @binding(0) var<uniform> u: array<vec4<i32>, 2>;
@group(0) @binding(2) var<storage, read_write> P: array<u32>;
@group(0) @binding(3) var<storage, read_write> A: array<u32>;

fn w_relu(x: f32) -> f32 { return select(x, 0.0, x < 0.0); }

var<workgroup> ta_phase0: array<f32, 1024>;
var<workgroup> tb_phase0: array<f32, 1024>;

@compute @workgroup_size(16, 16)
fn phase0(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let cm = u[0].x;
  let cn = 8i;
  let cdepth = 4i;
  let li = i32(lid.y * 16u + lid.x);
  let row0 = i32(wid.y) * 64i;
  let col0 = i32(wid.x) * 64i;
  for (var z: i32 = i32(wid.z); z < 1i; z += i32(nwg.z)) {
    var c00: f32 = 0.0;
    var c01: f32 = 0.0;
    var c02: f32 = 0.0;
    var c03: f32 = 0.0;
    var c10: f32 = 0.0;
    var c11: f32 = 0.0;
    var c12: f32 = 0.0;
    var c13: f32 = 0.0;
    var c20: f32 = 0.0;
    var c21: f32 = 0.0;
    var c22: f32 = 0.0;
    var c23: f32 = 0.0;
    var c30: f32 = 0.0;
    var c31: f32 = 0.0;
    var c32: f32 = 0.0;
    var c33: f32 = 0.0;
    for (var k0: i32 = 0i; k0 < cdepth; k0 += 16i) {
      for (var e: i32 = li; e < 1024i; e += 256i) {
        let v_acc2_p: i32 = row0 + e / 16i;
        let v_acc2_k: i32 = k0 + e % 16i;
        var x: f32 = 0.0;
        if (v_acc2_p < cm && v_acc2_k < cdepth) { x = bitcast<f32>(A[u[0].y + ((v_acc2_p * 4i) + v_acc2_k)]); }
        ta_phase0[e] = x;
      }
      for (var e: i32 = li; e < 1024i; e += 256i) {
        let v_acc2_p: i32 = col0 + e % 64i;
        let v_acc2_k: i32 = k0 + e / 64i;
        var x: f32 = 0.0;
        if (v_acc2_p < cn && v_acc2_k < cdepth) { x = bitcast<f32>(P[u[0].z + ((v_acc2_p * 4i) + v_acc2_k)]); }
        tb_phase0[e] = x;
      }
      workgroupBarrier();
      for (var kk: i32 = 0i; kk < 16i; kk++) {
        let a0 = ta_phase0[(i32(lid.y) * 4i + 0i) * 16i + kk];
        let a1 = ta_phase0[(i32(lid.y) * 4i + 1i) * 16i + kk];
        let a2 = ta_phase0[(i32(lid.y) * 4i + 2i) * 16i + kk];
        let a3 = ta_phase0[(i32(lid.y) * 4i + 3i) * 16i + kk];
        let b0 = tb_phase0[kk * 64i + i32(lid.x) * 4i + 0i];
        let b1 = tb_phase0[kk * 64i + i32(lid.x) * 4i + 1i];
        let b2 = tb_phase0[kk * 64i + i32(lid.x) * 4i + 2i];
        let b3 = tb_phase0[kk * 64i + i32(lid.x) * 4i + 3i];
        c00 = c00 + a0 * b0;
        c01 = c01 + a0 * b1;
        c02 = c02 + a0 * b2;
        c03 = c03 + a0 * b3;
        c10 = c10 + a1 * b0;
        c11 = c11 + a1 * b1;
        c12 = c12 + a1 * b2;
        c13 = c13 + a1 * b3;
        c20 = c20 + a2 * b0;
        c21 = c21 + a2 * b1;
        c22 = c22 + a2 * b2;
        c23 = c23 + a2 * b3;
        c30 = c30 + a3 * b0;
        c31 = c31 + a3 * b1;
        c32 = c32 + a3 * b2;
        c33 = c33 + a3 * b3;
      }
      workgroupBarrier();
    }
    {
      let v_i0: i32 = row0 + i32(lid.y) * 4i + 0i;
      let v_i1: i32 = col0 + i32(lid.x) * 4i + 0i;
      if (v_i0 < cm && v_i1 < cn) {
        let v_acc2: f32 = c00;
        A[u[1].z + ((v_i0 * 8i) + v_i1)] = bitcast<u32>(w_relu((v_acc2 + bitcast<f32>(P[u[0].w + v_i1]))));
      }
    }
    {
      let v_i0: i32 = row0 + i32(lid.y) * 4i + 0i;
      let v_i1: i32 = col0 + i32(lid.x) * 4i + 1i;
      if (v_i0 < cm && v_i1 < cn) {
        let v_acc2: f32 = c01;
        A[u[1].z + ((v_i0 * 8i) + v_i1)] = bitcast<u32>(w_relu((v_acc2 + bitcast<f32>(P[u[0].w + v_i1]))));
      }
    }
    {
      let v_i0: i32 = row0 + i32(lid.y) * 4i + 0i;
      let v_i1: i32 = col0 + i32(lid.x) * 4i + 2i;
      if (v_i0 < cm && v_i1 < cn) {
        let v_acc2: f32 = c02;
        A[u[1].z + ((v_i0 * 8i) + v_i1)] = bitcast<u32>(w_relu((v_acc2 + bitcast<f32>(P[u[0].w + v_i1]))));
      }
    }
    {
      let v_i0: i32 = row0 + i32(lid.y) * 4i + 0i;
      let v_i1: i32 = col0 + i32(lid.x) * 4i + 3i;
      if (v_i0 < cm && v_i1 < cn) {
        let v_acc2: f32 = c03;
        A[u[1].z + ((v_i0 * 8i) + v_i1)] = bitcast<u32>(w_relu((v_acc2 + bitcast<f32>(P[u[0].w + v_i1]))));
      }
    }
    {
      let v_i0: i32 = row0 + i32(lid.y) * 4i + 1i;
      let v_i1: i32 = col0 + i32(lid.x) * 4i + 0i;
      if (v_i0 < cm && v_i1 < cn) {
        let v_acc2: f32 = c10;
        A[u[1].z + ((v_i0 * 8i) + v_i1)] = bitcast<u32>(w_relu((v_acc2 + bitcast<f32>(P[u[0].w + v_i1]))));
      }
    }
    {
      let v_i0: i32 = row0 + i32(lid.y) * 4i + 1i;
      let v_i1: i32 = col0 + i32(lid.x) * 4i + 1i;
      if (v_i0 < cm && v_i1 < cn) {
        let v_acc2: f32 = c11;
        A[u[1].z + ((v_i0 * 8i) + v_i1)] = bitcast<u32>(w_relu((v_acc2 + bitcast<f32>(P[u[0].w + v_i1]))));
      }
    }
    {
      let v_i0: i32 = row0 + i32(lid.y) * 4i + 1i;
      let v_i1: i32 = col0 + i32(lid.x) * 4i + 2i;
      if (v_i0 < cm && v_i1 < cn) {
        let v_acc2: f32 = c12;
        A[u[1].z + ((v_i0 * 8i) + v_i1)] = bitcast<u32>(w_relu((v_acc2 + bitcast<f32>(P[u[0].w + v_i1]))));
      }
    }
    {
      let v_i0: i32 = row0 + i32(lid.y) * 4i + 1i;
      let v_i1: i32 = col0 + i32(lid.x) * 4i + 3i;
      if (v_i0 < cm && v_i1 < cn) {
        let v_acc2: f32 = c13;
        A[u[1].z + ((v_i0 * 8i) + v_i1)] = bitcast<u32>(w_relu((v_acc2 + bitcast<f32>(P[u[0].w + v_i1]))));
      }
    }
    {
      let v_i0: i32 = row0 + i32(lid.y) * 4i + 2i;
      let v_i1: i32 = col0 + i32(lid.x) * 4i + 0i;
      if (v_i0 < cm && v_i1 < cn) {
        let v_acc2: f32 = c20;
        A[u[1].z + ((v_i0 * 8i) + v_i1)] = bitcast<u32>(w_relu((v_acc2 + bitcast<f32>(P[u[0].w + v_i1]))));
      }
    }
    {
      let v_i0: i32 = row0 + i32(lid.y) * 4i + 2i;
      let v_i1: i32 = col0 + i32(lid.x) * 4i + 1i;
      if (v_i0 < cm && v_i1 < cn) {
        let v_acc2: f32 = c21;
        A[u[1].z + ((v_i0 * 8i) + v_i1)] = bitcast<u32>(w_relu((v_acc2 + bitcast<f32>(P[u[0].w + v_i1]))));
      }
    }
    {
      let v_i0: i32 = row0 + i32(lid.y) * 4i + 2i;
      let v_i1: i32 = col0 + i32(lid.x) * 4i + 2i;
      if (v_i0 < cm && v_i1 < cn) {
        let v_acc2: f32 = c22;
        A[u[1].z + ((v_i0 * 8i) + v_i1)] = bitcast<u32>(w_relu((v_acc2 + bitcast<f32>(P[u[0].w + v_i1]))));
      }
    }
    {
      let v_i0: i32 = row0 + i32(lid.y) * 4i + 2i;
      let v_i1: i32 = col0 + i32(lid.x) * 4i + 3i;
      if (v_i0 < cm && v_i1 < cn) {
        let v_acc2: f32 = c23;
        A[u[1].z + ((v_i0 * 8i) + v_i1)] = bitcast<u32>(w_relu((v_acc2 + bitcast<f32>(P[u[0].w + v_i1]))));
      }
    }
    {
      let v_i0: i32 = row0 + i32(lid.y) * 4i + 3i;
      let v_i1: i32 = col0 + i32(lid.x) * 4i + 0i;
      if (v_i0 < cm && v_i1 < cn) {
        let v_acc2: f32 = c30;
        A[u[1].z + ((v_i0 * 8i) + v_i1)] = bitcast<u32>(w_relu((v_acc2 + bitcast<f32>(P[u[0].w + v_i1]))));
      }
    }
    {
      let v_i0: i32 = row0 + i32(lid.y) * 4i + 3i;
      let v_i1: i32 = col0 + i32(lid.x) * 4i + 1i;
      if (v_i0 < cm && v_i1 < cn) {
        let v_acc2: f32 = c31;
        A[u[1].z + ((v_i0 * 8i) + v_i1)] = bitcast<u32>(w_relu((v_acc2 + bitcast<f32>(P[u[0].w + v_i1]))));
      }
    }
    {
      let v_i0: i32 = row0 + i32(lid.y) * 4i + 3i;
      let v_i1: i32 = col0 + i32(lid.x) * 4i + 2i;
      if (v_i0 < cm && v_i1 < cn) {
        let v_acc2: f32 = c32;
        A[u[1].z + ((v_i0 * 8i) + v_i1)] = bitcast<u32>(w_relu((v_acc2 + bitcast<f32>(P[u[0].w + v_i1]))));
      }
    }
    {
      let v_i0: i32 = row0 + i32(lid.y) * 4i + 3i;
      let v_i1: i32 = col0 + i32(lid.x) * 4i + 3i;
      if (v_i0 < cm && v_i1 < cn) {
        let v_acc2: f32 = c33;
        A[u[1].z + ((v_i0 * 8i) + v_i1)] = bitcast<u32>(w_relu((v_acc2 + bitcast<f32>(P[u[0].w + v_i1]))));
      }
    }
  }
}

// ===== forward.k1_add
// k1_add: matmul %fc2.matmul, add %fc2

@group(0) @binding(0) var<uniform> u: array<vec4<i32>, 2>;
@group(0) @binding(2) var<storage, read_write> P: array<u32>;
@group(0) @binding(3) var<storage, read_write> A: array<u32>;

var<workgroup> ta_phase0: array<f32, 1024>;
var<workgroup> tb_phase0: array<f32, 1024>;

@compute @workgroup_size(16, 16)
fn phase0(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let cm = u[0].x;
  let cn = 3i;
  let cdepth = 8i;
  let li = i32(lid.y * 16u + lid.x);
  let row0 = i32(wid.y) * 64i;
  let col0 = i32(wid.x) * 64i;
  for (var z: i32 = i32(wid.z); z < 1i; z += i32(nwg.z)) {
    var c00: f32 = 0.0;
    var c01: f32 = 0.0;
    var c02: f32 = 0.0;
    var c03: f32 = 0.0;
    var c10: f32 = 0.0;
    var c11: f32 = 0.0;
    var c12: f32 = 0.0;
    var c13: f32 = 0.0;
    var c20: f32 = 0.0;
    var c21: f32 = 0.0;
    var c22: f32 = 0.0;
    var c23: f32 = 0.0;
    var c30: f32 = 0.0;
    var c31: f32 = 0.0;
    var c32: f32 = 0.0;
    var c33: f32 = 0.0;
    for (var k0: i32 = 0i; k0 < cdepth; k0 += 16i) {
      for (var e: i32 = li; e < 1024i; e += 256i) {
        let v_acc5_p: i32 = row0 + e / 16i;
        let v_acc5_k: i32 = k0 + e % 16i;
        var x: f32 = 0.0;
        if (v_acc5_p < cm && v_acc5_k < cdepth) { x = bitcast<f32>(A[u[1].z + ((v_acc5_p * 8i) + v_acc5_k)]); }
        ta_phase0[e] = x;
      }
      for (var e: i32 = li; e < 1024i; e += 256i) {
        let v_acc5_p: i32 = col0 + e % 64i;
        let v_acc5_k: i32 = k0 + e / 64i;
        var x: f32 = 0.0;
        if (v_acc5_p < cn && v_acc5_k < cdepth) { x = bitcast<f32>(P[u[1].x + ((v_acc5_p * 8i) + v_acc5_k)]); }
        tb_phase0[e] = x;
      }
      workgroupBarrier();
      for (var kk: i32 = 0i; kk < 16i; kk++) {
        let a0 = ta_phase0[(i32(lid.y) * 4i + 0i) * 16i + kk];
        let a1 = ta_phase0[(i32(lid.y) * 4i + 1i) * 16i + kk];
        let a2 = ta_phase0[(i32(lid.y) * 4i + 2i) * 16i + kk];
        let a3 = ta_phase0[(i32(lid.y) * 4i + 3i) * 16i + kk];
        let b0 = tb_phase0[kk * 64i + i32(lid.x) * 4i + 0i];
        let b1 = tb_phase0[kk * 64i + i32(lid.x) * 4i + 1i];
        let b2 = tb_phase0[kk * 64i + i32(lid.x) * 4i + 2i];
        let b3 = tb_phase0[kk * 64i + i32(lid.x) * 4i + 3i];
        c00 = c00 + a0 * b0;
        c01 = c01 + a0 * b1;
        c02 = c02 + a0 * b2;
        c03 = c03 + a0 * b3;
        c10 = c10 + a1 * b0;
        c11 = c11 + a1 * b1;
        c12 = c12 + a1 * b2;
        c13 = c13 + a1 * b3;
        c20 = c20 + a2 * b0;
        c21 = c21 + a2 * b1;
        c22 = c22 + a2 * b2;
        c23 = c23 + a2 * b3;
        c30 = c30 + a3 * b0;
        c31 = c31 + a3 * b1;
        c32 = c32 + a3 * b2;
        c33 = c33 + a3 * b3;
      }
      workgroupBarrier();
    }
    {
      let v_i3: i32 = row0 + i32(lid.y) * 4i + 0i;
      let v_i4: i32 = col0 + i32(lid.x) * 4i + 0i;
      if (v_i3 < cm && v_i4 < cn) {
        let v_acc5: f32 = c00;
        A[u[1].w + ((v_i3 * 3i) + v_i4)] = bitcast<u32>((v_acc5 + bitcast<f32>(P[u[1].y + v_i4])));
      }
    }
    {
      let v_i3: i32 = row0 + i32(lid.y) * 4i + 0i;
      let v_i4: i32 = col0 + i32(lid.x) * 4i + 1i;
      if (v_i3 < cm && v_i4 < cn) {
        let v_acc5: f32 = c01;
        A[u[1].w + ((v_i3 * 3i) + v_i4)] = bitcast<u32>((v_acc5 + bitcast<f32>(P[u[1].y + v_i4])));
      }
    }
    {
      let v_i3: i32 = row0 + i32(lid.y) * 4i + 0i;
      let v_i4: i32 = col0 + i32(lid.x) * 4i + 2i;
      if (v_i3 < cm && v_i4 < cn) {
        let v_acc5: f32 = c02;
        A[u[1].w + ((v_i3 * 3i) + v_i4)] = bitcast<u32>((v_acc5 + bitcast<f32>(P[u[1].y + v_i4])));
      }
    }
    {
      let v_i3: i32 = row0 + i32(lid.y) * 4i + 0i;
      let v_i4: i32 = col0 + i32(lid.x) * 4i + 3i;
      if (v_i3 < cm && v_i4 < cn) {
        let v_acc5: f32 = c03;
        A[u[1].w + ((v_i3 * 3i) + v_i4)] = bitcast<u32>((v_acc5 + bitcast<f32>(P[u[1].y + v_i4])));
      }
    }
    {
      let v_i3: i32 = row0 + i32(lid.y) * 4i + 1i;
      let v_i4: i32 = col0 + i32(lid.x) * 4i + 0i;
      if (v_i3 < cm && v_i4 < cn) {
        let v_acc5: f32 = c10;
        A[u[1].w + ((v_i3 * 3i) + v_i4)] = bitcast<u32>((v_acc5 + bitcast<f32>(P[u[1].y + v_i4])));
      }
    }
    {
      let v_i3: i32 = row0 + i32(lid.y) * 4i + 1i;
      let v_i4: i32 = col0 + i32(lid.x) * 4i + 1i;
      if (v_i3 < cm && v_i4 < cn) {
        let v_acc5: f32 = c11;
        A[u[1].w + ((v_i3 * 3i) + v_i4)] = bitcast<u32>((v_acc5 + bitcast<f32>(P[u[1].y + v_i4])));
      }
    }
    {
      let v_i3: i32 = row0 + i32(lid.y) * 4i + 1i;
      let v_i4: i32 = col0 + i32(lid.x) * 4i + 2i;
      if (v_i3 < cm && v_i4 < cn) {
        let v_acc5: f32 = c12;
        A[u[1].w + ((v_i3 * 3i) + v_i4)] = bitcast<u32>((v_acc5 + bitcast<f32>(P[u[1].y + v_i4])));
      }
    }
    {
      let v_i3: i32 = row0 + i32(lid.y) * 4i + 1i;
      let v_i4: i32 = col0 + i32(lid.x) * 4i + 3i;
      if (v_i3 < cm && v_i4 < cn) {
        let v_acc5: f32 = c13;
        A[u[1].w + ((v_i3 * 3i) + v_i4)] = bitcast<u32>((v_acc5 + bitcast<f32>(P[u[1].y + v_i4])));
      }
    }
    {
      let v_i3: i32 = row0 + i32(lid.y) * 4i + 2i;
      let v_i4: i32 = col0 + i32(lid.x) * 4i + 0i;
      if (v_i3 < cm && v_i4 < cn) {
        let v_acc5: f32 = c20;
        A[u[1].w + ((v_i3 * 3i) + v_i4)] = bitcast<u32>((v_acc5 + bitcast<f32>(P[u[1].y + v_i4])));
      }
    }
    {
      let v_i3: i32 = row0 + i32(lid.y) * 4i + 2i;
      let v_i4: i32 = col0 + i32(lid.x) * 4i + 1i;
      if (v_i3 < cm && v_i4 < cn) {
        let v_acc5: f32 = c21;
        A[u[1].w + ((v_i3 * 3i) + v_i4)] = bitcast<u32>((v_acc5 + bitcast<f32>(P[u[1].y + v_i4])));
      }
    }
    {
      let v_i3: i32 = row0 + i32(lid.y) * 4i + 2i;
      let v_i4: i32 = col0 + i32(lid.x) * 4i + 2i;
      if (v_i3 < cm && v_i4 < cn) {
        let v_acc5: f32 = c22;
        A[u[1].w + ((v_i3 * 3i) + v_i4)] = bitcast<u32>((v_acc5 + bitcast<f32>(P[u[1].y + v_i4])));
      }
    }
    {
      let v_i3: i32 = row0 + i32(lid.y) * 4i + 2i;
      let v_i4: i32 = col0 + i32(lid.x) * 4i + 3i;
      if (v_i3 < cm && v_i4 < cn) {
        let v_acc5: f32 = c23;
        A[u[1].w + ((v_i3 * 3i) + v_i4)] = bitcast<u32>((v_acc5 + bitcast<f32>(P[u[1].y + v_i4])));
      }
    }
    {
      let v_i3: i32 = row0 + i32(lid.y) * 4i + 3i;
      let v_i4: i32 = col0 + i32(lid.x) * 4i + 0i;
      if (v_i3 < cm && v_i4 < cn) {
        let v_acc5: f32 = c30;
        A[u[1].w + ((v_i3 * 3i) + v_i4)] = bitcast<u32>((v_acc5 + bitcast<f32>(P[u[1].y + v_i4])));
      }
    }
    {
      let v_i3: i32 = row0 + i32(lid.y) * 4i + 3i;
      let v_i4: i32 = col0 + i32(lid.x) * 4i + 1i;
      if (v_i3 < cm && v_i4 < cn) {
        let v_acc5: f32 = c31;
        A[u[1].w + ((v_i3 * 3i) + v_i4)] = bitcast<u32>((v_acc5 + bitcast<f32>(P[u[1].y + v_i4])));
      }
    }
    {
      let v_i3: i32 = row0 + i32(lid.y) * 4i + 3i;
      let v_i4: i32 = col0 + i32(lid.x) * 4i + 2i;
      if (v_i3 < cm && v_i4 < cn) {
        let v_acc5: f32 = c32;
        A[u[1].w + ((v_i3 * 3i) + v_i4)] = bitcast<u32>((v_acc5 + bitcast<f32>(P[u[1].y + v_i4])));
      }
    }
    {
      let v_i3: i32 = row0 + i32(lid.y) * 4i + 3i;
      let v_i4: i32 = col0 + i32(lid.x) * 4i + 3i;
      if (v_i3 < cm && v_i4 < cn) {
        let v_acc5: f32 = c33;
        A[u[1].w + ((v_i3 * 3i) + v_i4)] = bitcast<u32>((v_acc5 + bitcast<f32>(P[u[1].y + v_i4])));
      }
    }
  }
}

// ===== dispatches
{
 "forward": {
  "symbols": [
   "batch"
  ],
  "slots": 7,
  "params": [
   {
    "name": "fc1.weight",
    "slot": 1
   },
   {
    "name": "fc1.bias",
    "slot": 2
   },
   {
    "name": "fc2.weight",
    "slot": 3
   },
   {
    "name": "fc2.bias",
    "slot": 4
   }
  ],
  "inputs": [
   {
    "name": "x",
    "slot": 0
   }
  ],
  "outputs": [
   {
    "name": "y",
    "slot": 6
   }
  ],
  "updates": [],
  "steps": [
   {
    "k": "dispatch",
    "shader": 0,
    "entry": "phase0",
    "grid": {
     "k": "tiles",
     "m": {
      "k": "var",
      "name": "batch"
     },
     "n": {
      "k": "lit",
      "value": 8
     },
     "batch": [],
     "tile": 64
    }
   },
   {
    "k": "dispatch",
    "shader": 1,
    "entry": "phase0",
    "grid": {
     "k": "tiles",
     "m": {
      "k": "var",
      "name": "batch"
     },
     "n": {
      "k": "lit",
      "value": 3
     },
     "batch": [],
     "tile": 64
    }
   }
  ]
 }
}
