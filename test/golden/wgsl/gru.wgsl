// ===== forward.k0_constant
// k0_constant: constant %gru.constant

@group(0) @binding(0) var<uniform> u: array<vec4<i32>, 5>;
@group(0) @binding(3) var<storage, read_write> A: array<u32>;

@compute @workgroup_size(64)
fn phase0(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) li: u32) {
  let g = i32((wid.y * nwg.x + wid.x) * 64u + li);
  if (g >= (u[0].x) * (4i)) { return; }
  {
    let v_i1: i32 = g % (4i);
    let g1: i32 = g / (4i);
    let v_i0: i32 = g1;
    A[u[1].w + ((v_i0 * 4i) + v_i1)] = bitcast<u32>(0.0f);
  }
}

// ===== forward.k1_transpose
// k1_transpose: transpose %gru.transpose

@group(0) @binding(0) var<uniform> u: array<vec4<i32>, 5>;
@group(0) @binding(3) var<storage, read_write> A: array<u32>;

@compute @workgroup_size(64)
fn phase0(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) li: u32) {
  let g = i32((wid.y * nwg.x + wid.x) * 64u + li);
  if (g >= (u[0].y) * (u[0].x) * (3i)) { return; }
  {
    let v_i4: i32 = g % (3i);
    let g2: i32 = g / (3i);
    let v_i3: i32 = g2 % (u[0].x);
    let g1: i32 = g2 / (u[0].x);
    let v_i2: i32 = g1;
    A[u[2].x + (((v_i2 * (3i * u[0].x)) + (v_i3 * 3i)) + v_i4)] = bitcast<u32>(bitcast<f32>(A[u[0].z + (((v_i2 * 3i) + (v_i3 * (3i * u[0].y))) + v_i4)]));
  }
}

// ===== forward.k2_add
// k2_add: matmul %gru.matmul, add %gru.add

@group(0) @binding(0) var<uniform> u: array<vec4<i32>, 5>;
@group(0) @binding(2) var<storage, read_write> P: array<u32>;
@group(0) @binding(3) var<storage, read_write> A: array<u32>;

var<workgroup> ta_phase0: array<f32, 1024>;
var<workgroup> tb_phase0: array<f32, 1024>;

@compute @workgroup_size(16, 16)
fn phase0(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let cm = u[0].x;
  let cn = 12i;
  let cdepth = 3i;
  let li = i32(lid.y * 16u + lid.x);
  let row0 = i32(wid.y) * 64i;
  let col0 = i32(wid.x) * 64i;
  for (var z: i32 = i32(wid.z); z < (u[0].y); z += i32(nwg.z)) {
    let v_i5: i32 = z;
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
        let v_acc8_p: i32 = row0 + e / 16i;
        let v_acc8_k: i32 = k0 + e % 16i;
        var x: f32 = 0.0;
        if (v_acc8_p < cm && v_acc8_k < cdepth) { x = bitcast<f32>(A[u[2].x + ((v_i5 * (u[0].x * 3i)) + ((v_acc8_p * 3i) + v_acc8_k))]); }
        ta_phase0[e] = x;
      }
      for (var e: i32 = li; e < 1024i; e += 256i) {
        let v_acc8_p: i32 = col0 + e % 64i;
        let v_acc8_k: i32 = k0 + e / 64i;
        var x: f32 = 0.0;
        if (v_acc8_p < cn && v_acc8_k < cdepth) { x = bitcast<f32>(P[u[0].w + ((v_acc8_p * 3i) + v_acc8_k)]); }
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
      let v_i6: i32 = row0 + i32(lid.y) * 4i + 0i;
      let v_i7: i32 = col0 + i32(lid.x) * 4i + 0i;
      if (v_i6 < cm && v_i7 < cn) {
        let v_acc8: f32 = c00;
        A[u[2].y + (((v_i5 * (12i * u[0].x)) + (v_i6 * 12i)) + v_i7)] = bitcast<u32>((v_acc8 + bitcast<f32>(P[u[1].y + v_i7])));
      }
    }
    {
      let v_i6: i32 = row0 + i32(lid.y) * 4i + 0i;
      let v_i7: i32 = col0 + i32(lid.x) * 4i + 1i;
      if (v_i6 < cm && v_i7 < cn) {
        let v_acc8: f32 = c01;
        A[u[2].y + (((v_i5 * (12i * u[0].x)) + (v_i6 * 12i)) + v_i7)] = bitcast<u32>((v_acc8 + bitcast<f32>(P[u[1].y + v_i7])));
      }
    }
    {
      let v_i6: i32 = row0 + i32(lid.y) * 4i + 0i;
      let v_i7: i32 = col0 + i32(lid.x) * 4i + 2i;
      if (v_i6 < cm && v_i7 < cn) {
        let v_acc8: f32 = c02;
        A[u[2].y + (((v_i5 * (12i * u[0].x)) + (v_i6 * 12i)) + v_i7)] = bitcast<u32>((v_acc8 + bitcast<f32>(P[u[1].y + v_i7])));
      }
    }
    {
      let v_i6: i32 = row0 + i32(lid.y) * 4i + 0i;
      let v_i7: i32 = col0 + i32(lid.x) * 4i + 3i;
      if (v_i6 < cm && v_i7 < cn) {
        let v_acc8: f32 = c03;
        A[u[2].y + (((v_i5 * (12i * u[0].x)) + (v_i6 * 12i)) + v_i7)] = bitcast<u32>((v_acc8 + bitcast<f32>(P[u[1].y + v_i7])));
      }
    }
    {
      let v_i6: i32 = row0 + i32(lid.y) * 4i + 1i;
      let v_i7: i32 = col0 + i32(lid.x) * 4i + 0i;
      if (v_i6 < cm && v_i7 < cn) {
        let v_acc8: f32 = c10;
        A[u[2].y + (((v_i5 * (12i * u[0].x)) + (v_i6 * 12i)) + v_i7)] = bitcast<u32>((v_acc8 + bitcast<f32>(P[u[1].y + v_i7])));
      }
    }
    {
      let v_i6: i32 = row0 + i32(lid.y) * 4i + 1i;
      let v_i7: i32 = col0 + i32(lid.x) * 4i + 1i;
      if (v_i6 < cm && v_i7 < cn) {
        let v_acc8: f32 = c11;
        A[u[2].y + (((v_i5 * (12i * u[0].x)) + (v_i6 * 12i)) + v_i7)] = bitcast<u32>((v_acc8 + bitcast<f32>(P[u[1].y + v_i7])));
      }
    }
    {
      let v_i6: i32 = row0 + i32(lid.y) * 4i + 1i;
      let v_i7: i32 = col0 + i32(lid.x) * 4i + 2i;
      if (v_i6 < cm && v_i7 < cn) {
        let v_acc8: f32 = c12;
        A[u[2].y + (((v_i5 * (12i * u[0].x)) + (v_i6 * 12i)) + v_i7)] = bitcast<u32>((v_acc8 + bitcast<f32>(P[u[1].y + v_i7])));
      }
    }
    {
      let v_i6: i32 = row0 + i32(lid.y) * 4i + 1i;
      let v_i7: i32 = col0 + i32(lid.x) * 4i + 3i;
      if (v_i6 < cm && v_i7 < cn) {
        let v_acc8: f32 = c13;
        A[u[2].y + (((v_i5 * (12i * u[0].x)) + (v_i6 * 12i)) + v_i7)] = bitcast<u32>((v_acc8 + bitcast<f32>(P[u[1].y + v_i7])));
      }
    }
    {
      let v_i6: i32 = row0 + i32(lid.y) * 4i + 2i;
      let v_i7: i32 = col0 + i32(lid.x) * 4i + 0i;
      if (v_i6 < cm && v_i7 < cn) {
        let v_acc8: f32 = c20;
        A[u[2].y + (((v_i5 * (12i * u[0].x)) + (v_i6 * 12i)) + v_i7)] = bitcast<u32>((v_acc8 + bitcast<f32>(P[u[1].y + v_i7])));
      }
    }
    {
      let v_i6: i32 = row0 + i32(lid.y) * 4i + 2i;
      let v_i7: i32 = col0 + i32(lid.x) * 4i + 1i;
      if (v_i6 < cm && v_i7 < cn) {
        let v_acc8: f32 = c21;
        A[u[2].y + (((v_i5 * (12i * u[0].x)) + (v_i6 * 12i)) + v_i7)] = bitcast<u32>((v_acc8 + bitcast<f32>(P[u[1].y + v_i7])));
      }
    }
    {
      let v_i6: i32 = row0 + i32(lid.y) * 4i + 2i;
      let v_i7: i32 = col0 + i32(lid.x) * 4i + 2i;
      if (v_i6 < cm && v_i7 < cn) {
        let v_acc8: f32 = c22;
        A[u[2].y + (((v_i5 * (12i * u[0].x)) + (v_i6 * 12i)) + v_i7)] = bitcast<u32>((v_acc8 + bitcast<f32>(P[u[1].y + v_i7])));
      }
    }
    {
      let v_i6: i32 = row0 + i32(lid.y) * 4i + 2i;
      let v_i7: i32 = col0 + i32(lid.x) * 4i + 3i;
      if (v_i6 < cm && v_i7 < cn) {
        let v_acc8: f32 = c23;
        A[u[2].y + (((v_i5 * (12i * u[0].x)) + (v_i6 * 12i)) + v_i7)] = bitcast<u32>((v_acc8 + bitcast<f32>(P[u[1].y + v_i7])));
      }
    }
    {
      let v_i6: i32 = row0 + i32(lid.y) * 4i + 3i;
      let v_i7: i32 = col0 + i32(lid.x) * 4i + 0i;
      if (v_i6 < cm && v_i7 < cn) {
        let v_acc8: f32 = c30;
        A[u[2].y + (((v_i5 * (12i * u[0].x)) + (v_i6 * 12i)) + v_i7)] = bitcast<u32>((v_acc8 + bitcast<f32>(P[u[1].y + v_i7])));
      }
    }
    {
      let v_i6: i32 = row0 + i32(lid.y) * 4i + 3i;
      let v_i7: i32 = col0 + i32(lid.x) * 4i + 1i;
      if (v_i6 < cm && v_i7 < cn) {
        let v_acc8: f32 = c31;
        A[u[2].y + (((v_i5 * (12i * u[0].x)) + (v_i6 * 12i)) + v_i7)] = bitcast<u32>((v_acc8 + bitcast<f32>(P[u[1].y + v_i7])));
      }
    }
    {
      let v_i6: i32 = row0 + i32(lid.y) * 4i + 3i;
      let v_i7: i32 = col0 + i32(lid.x) * 4i + 2i;
      if (v_i6 < cm && v_i7 < cn) {
        let v_acc8: f32 = c32;
        A[u[2].y + (((v_i5 * (12i * u[0].x)) + (v_i6 * 12i)) + v_i7)] = bitcast<u32>((v_acc8 + bitcast<f32>(P[u[1].y + v_i7])));
      }
    }
    {
      let v_i6: i32 = row0 + i32(lid.y) * 4i + 3i;
      let v_i7: i32 = col0 + i32(lid.x) * 4i + 3i;
      if (v_i6 < cm && v_i7 < cn) {
        let v_acc8: f32 = c33;
        A[u[2].y + (((v_i5 * (12i * u[0].x)) + (v_i6 * 12i)) + v_i7)] = bitcast<u32>((v_acc8 + bitcast<f32>(P[u[1].y + v_i7])));
      }
    }
  }
}

// ===== forward.k3_scan
// k3_scan: scan %gru

@group(0) @binding(0) var<uniform> u: array<vec4<i32>, 5>;
@group(0) @binding(3) var<storage, read_write> A: array<u32>;

@compute @workgroup_size(64)
fn phase0(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) li: u32) {
  let g = i32((wid.y * nwg.x + wid.x) * 64u + li);
  if (g >= ((u[0].x * 4i))) { return; }
  {
    let v_i9: i32 = g;
    A[u[2].z + v_i9] = bitcast<u32>(bitcast<f32>(A[u[1].w + v_i9]));
  }
}

// ===== forward.k7_scan_k8_scan
// k7_scan_k8_scan: scan %gru, matmul %gru.matmul, add %gru.add, slice %gru.slice.2, slice %gru.slice, slice %gru.slice.3, add %gru.add.1, sigmoid %gru.sigmoid, slice %gru.slice.5, mul %gru.mul, add %gru.add.3, tanh %gru.tanh, slice %gru.slice.1, slice %gru.slice.4, add %gru.add.2, sigmoid %gru.sigmoid.1, sub %gru.sub, mul %gru.mul.1, add %gru.add.4, scan %gru

@group(0) @binding(0) var<uniform> u: array<vec4<i32>, 5>;
@group(0) @binding(1) var<uniform> lp: vec4<i32>;
@group(0) @binding(2) var<storage, read_write> P: array<u32>;
@group(0) @binding(3) var<storage, read_write> A: array<u32>;

fn w_inf() -> f32 { return bitcast<f32>(0x7f800000u + u32(u[0].x & 0)); }
fn w_exp(x: f32) -> f32 { if (x > 88.72284f) { return w_inf(); } if (x < -103.97208f) { return 0.0; } return exp(x); }
fn w_sigmoid(x: f32) -> f32 { return 1.0 / (1.0 + w_exp(-x)); }
fn w_tanh(x: f32) -> f32 {
  let a = abs(x);
  if (a < 0.625) { let z = x * x; return x + x * z * ((((-0.0057049887254834175f * z + 0.0206390880048275f) * z + -0.05373971536755562f) * z + 0.13331441581249237f) * z + -0.3333328068256378f); }
  if (a > 9.1f) { return sign(x); }
  return sign(x) * (1.0 - 2.0 / (exp(a + a) + 1.0));
}

var<workgroup> ta_phase0: array<f32, 1024>;
var<workgroup> tb_phase0: array<f32, 1024>;

@compute @workgroup_size(16, 16)
fn phase0(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let cm = u[0].x;
  let cn = 12i;
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
        let v_acc12_p: i32 = row0 + e / 16i;
        let v_acc12_k: i32 = k0 + e % 16i;
        var x: f32 = 0.0;
        if (v_acc12_p < cm && v_acc12_k < cdepth) { x = bitcast<f32>(A[u[2].z + ((v_acc12_p * 4i) + v_acc12_k)]); }
        ta_phase0[e] = x;
      }
      for (var e: i32 = li; e < 1024i; e += 256i) {
        let v_acc12_p: i32 = col0 + e % 64i;
        let v_acc12_k: i32 = k0 + e / 64i;
        var x: f32 = 0.0;
        if (v_acc12_p < cn && v_acc12_k < cdepth) { x = bitcast<f32>(P[u[1].x + ((v_acc12_p * 4i) + v_acc12_k)]); }
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
      let v_i10: i32 = row0 + i32(lid.y) * 4i + 0i;
      let v_i11: i32 = col0 + i32(lid.x) * 4i + 0i;
      if (v_i10 < cm && v_i11 < cn) {
        let v_acc12: f32 = c00;
        A[u[3].x + ((v_i10 * 12i) + v_i11)] = bitcast<u32>((v_acc12 + bitcast<f32>(P[u[1].z + v_i11])));
      }
    }
    {
      let v_i10: i32 = row0 + i32(lid.y) * 4i + 0i;
      let v_i11: i32 = col0 + i32(lid.x) * 4i + 1i;
      if (v_i10 < cm && v_i11 < cn) {
        let v_acc12: f32 = c01;
        A[u[3].x + ((v_i10 * 12i) + v_i11)] = bitcast<u32>((v_acc12 + bitcast<f32>(P[u[1].z + v_i11])));
      }
    }
    {
      let v_i10: i32 = row0 + i32(lid.y) * 4i + 0i;
      let v_i11: i32 = col0 + i32(lid.x) * 4i + 2i;
      if (v_i10 < cm && v_i11 < cn) {
        let v_acc12: f32 = c02;
        A[u[3].x + ((v_i10 * 12i) + v_i11)] = bitcast<u32>((v_acc12 + bitcast<f32>(P[u[1].z + v_i11])));
      }
    }
    {
      let v_i10: i32 = row0 + i32(lid.y) * 4i + 0i;
      let v_i11: i32 = col0 + i32(lid.x) * 4i + 3i;
      if (v_i10 < cm && v_i11 < cn) {
        let v_acc12: f32 = c03;
        A[u[3].x + ((v_i10 * 12i) + v_i11)] = bitcast<u32>((v_acc12 + bitcast<f32>(P[u[1].z + v_i11])));
      }
    }
    {
      let v_i10: i32 = row0 + i32(lid.y) * 4i + 1i;
      let v_i11: i32 = col0 + i32(lid.x) * 4i + 0i;
      if (v_i10 < cm && v_i11 < cn) {
        let v_acc12: f32 = c10;
        A[u[3].x + ((v_i10 * 12i) + v_i11)] = bitcast<u32>((v_acc12 + bitcast<f32>(P[u[1].z + v_i11])));
      }
    }
    {
      let v_i10: i32 = row0 + i32(lid.y) * 4i + 1i;
      let v_i11: i32 = col0 + i32(lid.x) * 4i + 1i;
      if (v_i10 < cm && v_i11 < cn) {
        let v_acc12: f32 = c11;
        A[u[3].x + ((v_i10 * 12i) + v_i11)] = bitcast<u32>((v_acc12 + bitcast<f32>(P[u[1].z + v_i11])));
      }
    }
    {
      let v_i10: i32 = row0 + i32(lid.y) * 4i + 1i;
      let v_i11: i32 = col0 + i32(lid.x) * 4i + 2i;
      if (v_i10 < cm && v_i11 < cn) {
        let v_acc12: f32 = c12;
        A[u[3].x + ((v_i10 * 12i) + v_i11)] = bitcast<u32>((v_acc12 + bitcast<f32>(P[u[1].z + v_i11])));
      }
    }
    {
      let v_i10: i32 = row0 + i32(lid.y) * 4i + 1i;
      let v_i11: i32 = col0 + i32(lid.x) * 4i + 3i;
      if (v_i10 < cm && v_i11 < cn) {
        let v_acc12: f32 = c13;
        A[u[3].x + ((v_i10 * 12i) + v_i11)] = bitcast<u32>((v_acc12 + bitcast<f32>(P[u[1].z + v_i11])));
      }
    }
    {
      let v_i10: i32 = row0 + i32(lid.y) * 4i + 2i;
      let v_i11: i32 = col0 + i32(lid.x) * 4i + 0i;
      if (v_i10 < cm && v_i11 < cn) {
        let v_acc12: f32 = c20;
        A[u[3].x + ((v_i10 * 12i) + v_i11)] = bitcast<u32>((v_acc12 + bitcast<f32>(P[u[1].z + v_i11])));
      }
    }
    {
      let v_i10: i32 = row0 + i32(lid.y) * 4i + 2i;
      let v_i11: i32 = col0 + i32(lid.x) * 4i + 1i;
      if (v_i10 < cm && v_i11 < cn) {
        let v_acc12: f32 = c21;
        A[u[3].x + ((v_i10 * 12i) + v_i11)] = bitcast<u32>((v_acc12 + bitcast<f32>(P[u[1].z + v_i11])));
      }
    }
    {
      let v_i10: i32 = row0 + i32(lid.y) * 4i + 2i;
      let v_i11: i32 = col0 + i32(lid.x) * 4i + 2i;
      if (v_i10 < cm && v_i11 < cn) {
        let v_acc12: f32 = c22;
        A[u[3].x + ((v_i10 * 12i) + v_i11)] = bitcast<u32>((v_acc12 + bitcast<f32>(P[u[1].z + v_i11])));
      }
    }
    {
      let v_i10: i32 = row0 + i32(lid.y) * 4i + 2i;
      let v_i11: i32 = col0 + i32(lid.x) * 4i + 3i;
      if (v_i10 < cm && v_i11 < cn) {
        let v_acc12: f32 = c23;
        A[u[3].x + ((v_i10 * 12i) + v_i11)] = bitcast<u32>((v_acc12 + bitcast<f32>(P[u[1].z + v_i11])));
      }
    }
    {
      let v_i10: i32 = row0 + i32(lid.y) * 4i + 3i;
      let v_i11: i32 = col0 + i32(lid.x) * 4i + 0i;
      if (v_i10 < cm && v_i11 < cn) {
        let v_acc12: f32 = c30;
        A[u[3].x + ((v_i10 * 12i) + v_i11)] = bitcast<u32>((v_acc12 + bitcast<f32>(P[u[1].z + v_i11])));
      }
    }
    {
      let v_i10: i32 = row0 + i32(lid.y) * 4i + 3i;
      let v_i11: i32 = col0 + i32(lid.x) * 4i + 1i;
      if (v_i10 < cm && v_i11 < cn) {
        let v_acc12: f32 = c31;
        A[u[3].x + ((v_i10 * 12i) + v_i11)] = bitcast<u32>((v_acc12 + bitcast<f32>(P[u[1].z + v_i11])));
      }
    }
    {
      let v_i10: i32 = row0 + i32(lid.y) * 4i + 3i;
      let v_i11: i32 = col0 + i32(lid.x) * 4i + 2i;
      if (v_i10 < cm && v_i11 < cn) {
        let v_acc12: f32 = c32;
        A[u[3].x + ((v_i10 * 12i) + v_i11)] = bitcast<u32>((v_acc12 + bitcast<f32>(P[u[1].z + v_i11])));
      }
    }
    {
      let v_i10: i32 = row0 + i32(lid.y) * 4i + 3i;
      let v_i11: i32 = col0 + i32(lid.x) * 4i + 3i;
      if (v_i10 < cm && v_i11 < cn) {
        let v_acc12: f32 = c33;
        A[u[3].x + ((v_i10 * 12i) + v_i11)] = bitcast<u32>((v_acc12 + bitcast<f32>(P[u[1].z + v_i11])));
      }
    }
  }
}

@compute @workgroup_size(64)
fn phase1(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) li: u32) {
  let g = i32((wid.y * nwg.x + wid.x) * 64u + li);
  if (g >= (u[0].x) * (4i)) { return; }
  {
    let v_i14: i32 = g % (4i);
    let g1: i32 = g / (4i);
    let v_i13: i32 = g1;
    A[u[3].y + ((v_i13 * 4i) + v_i14)] = bitcast<u32>(w_tanh((bitcast<f32>(A[u[2].y + ((lp.x * (u[0].x * 12i)) + ((v_i13 * 12i) + (v_i14 + 8i)))]) + (w_sigmoid((bitcast<f32>(A[u[2].y + ((lp.x * (u[0].x * 12i)) + ((v_i13 * 12i) + v_i14))]) + bitcast<f32>(A[u[3].x + ((v_i13 * 12i) + v_i14)]))) * bitcast<f32>(A[u[3].x + ((v_i13 * 12i) + (v_i14 + 8i))])))));
  }
  {
    let v_i16: i32 = g % (4i);
    let g1: i32 = g / (4i);
    let v_i15: i32 = g1;
    A[u[3].z + ((v_i15 * 4i) + v_i16)] = bitcast<u32>((bitcast<f32>(A[u[3].y + ((v_i15 * 4i) + v_i16)]) + (w_sigmoid((bitcast<f32>(A[u[2].y + ((lp.x * (u[0].x * 12i)) + ((v_i15 * 12i) + (v_i16 + 4i)))]) + bitcast<f32>(A[u[3].x + ((v_i15 * 12i) + (v_i16 + 4i))]))) * (bitcast<f32>(A[u[2].z + ((v_i15 * 4i) + v_i16)]) - bitcast<f32>(A[u[3].y + ((v_i15 * 4i) + v_i16)])))));
  }
  {
    let v_i19: i32 = g;
    A[u[4].x + ((lp.x * (u[0].x * 4i)) + v_i19)] = bitcast<u32>(bitcast<f32>(A[u[3].z + v_i19]));
  }
  {
    let v_i21: i32 = g;
    A[u[2].z + v_i21] = bitcast<u32>(bitcast<f32>(A[u[3].z + v_i21]));
  }
}

// ===== forward.k9_scan
// k9_scan: scan %gru

@group(0) @binding(0) var<uniform> u: array<vec4<i32>, 5>;
@group(0) @binding(3) var<storage, read_write> A: array<u32>;

@compute @workgroup_size(64)
fn phase0(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) li: u32) {
  let g = i32((wid.y * nwg.x + wid.x) * 64u + li);
  if (g >= ((u[0].x * 4i))) { return; }
  {
    let v_i22: i32 = g;
    A[u[4].y + v_i22] = bitcast<u32>(bitcast<f32>(A[u[2].z + v_i22]));
  }
}

// ===== dispatches
{
 "forward": {
  "symbols": [
   "batch",
   "seq"
  ],
  "slots": 16,
  "params": [
   {
    "name": "gru.weight_ih_l0",
    "slot": 1
   },
   {
    "name": "gru.weight_hh_l0",
    "slot": 2
   },
   {
    "name": "gru.bias_ih_l0",
    "slot": 3
   },
   {
    "name": "gru.bias_hh_l0",
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
    "name": "h",
    "slot": 15
   }
  ],
  "updates": [],
  "steps": [
   {
    "k": "dispatch",
    "shader": 0,
    "entry": "phase0",
    "grid": {
     "k": "threads",
     "extents": [
      {
       "k": "var",
       "name": "batch"
      },
      {
       "k": "lit",
       "value": 4
      }
     ],
     "size": 64
    }
   },
   {
    "k": "dispatch",
    "shader": 1,
    "entry": "phase0",
    "grid": {
     "k": "threads",
     "extents": [
      {
       "k": "var",
       "name": "seq"
      },
      {
       "k": "var",
       "name": "batch"
      },
      {
       "k": "lit",
       "value": 3
      }
     ],
     "size": 64
    }
   },
   {
    "k": "dispatch",
    "shader": 2,
    "entry": "phase0",
    "grid": {
     "k": "tiles",
     "m": {
      "k": "var",
      "name": "batch"
     },
     "n": {
      "k": "lit",
      "value": 12
     },
     "batch": [
      {
       "k": "var",
       "name": "seq"
      }
     ],
     "tile": 64
    }
   },
   {
    "k": "dispatch",
    "shader": 3,
    "entry": "phase0",
    "grid": {
     "k": "threads",
     "extents": [
      {
       "k": "call",
       "fn": "mul",
       "args": [
        {
         "k": "var",
         "name": "batch"
        },
        {
         "k": "lit",
         "value": 4
        }
       ]
      }
     ],
     "size": 64
    }
   },
   {
    "k": "loop",
    "index": "t17",
    "extent": {
     "k": "var",
     "name": "seq"
    },
    "reverse": false,
    "body": [
     {
      "k": "dispatch",
      "shader": 4,
      "entry": "phase0",
      "grid": {
       "k": "tiles",
       "m": {
        "k": "var",
        "name": "batch"
       },
       "n": {
        "k": "lit",
        "value": 12
       },
       "batch": [],
       "tile": 64
      }
     },
     {
      "k": "dispatch",
      "shader": 4,
      "entry": "phase1",
      "grid": {
       "k": "threads",
       "extents": [
        {
         "k": "var",
         "name": "batch"
        },
        {
         "k": "lit",
         "value": 4
        }
       ],
       "size": 64
      }
     }
    ]
   },
   {
    "k": "dispatch",
    "shader": 5,
    "entry": "phase0",
    "grid": {
     "k": "threads",
     "extents": [
      {
       "k": "call",
       "fn": "mul",
       "args": [
        {
         "k": "var",
         "name": "batch"
        },
        {
         "k": "lit",
         "value": 4
        }
       ]
      }
     ],
     "size": 64
    }
   }
  ]
 }
}
