// AMX-BF16 split GEMM probe (issue 10: can AMX make the deep trainer's fp32 GEMM faster at fp32 accuracy?).
//
// C[M×N] = A[M×K]·B[K×N], row-major fp32, N = K = 64 (the [64, 64] subnet's hidden layer), M = 32 (the
// trainer's tile) or 512 (a whole batch). Compared: the trainer's 4 × 64 FMA micro-kernel written in C,
// and AMX TDPBF16PS on bf16 splits a = a_hi + a_mid + a_lo with 3, 6 or 9 partial products (6 and 9
// reach fp32-level error; 3 does not). B is split and VNNI-packed once (weights are fixed within a step).
// Error: max |C − C_exact| / Σ_k |A_ik B_kj| against a double-precision product.
//
//   clang -O3 -march=native bench/probes/amx_split_gemm.c -DM=32 -o /tmp/amx32 -lm && /tmp/amx32
//   clang -O3 -march=native bench/probes/amx_split_gemm.c -DM=512 -o /tmp/amx512 -lm && /tmp/amx512
//
// Needs Linux ≥ 5.16 (arch_prctl ARCH_REQ_XCOMP_PERM) and a CPU with AMX-BF16 (Sapphire Rapids or later).
#include <immintrin.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <math.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <time.h>
#ifndef M
#define M 32
#endif
#define N 64
#define K 64
typedef struct { uint8_t palette, start_row, r[14]; uint16_t colsb[16]; uint8_t rows[16]; } __attribute__((packed)) cfg_t;

static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}

// fp32 reference kernel: 4 rows × 64 cols of C in 16 zmm accumulators (the Swift kernel's shape).
__attribute__((target("avx512f,fma")))
static void sgemm_fma(const float*A,const float*B,float*C){
  for(int i=0;i<M;i+=4){
    __m512 c[4][4];
    for(int r=0;r<4;r++)for(int j=0;j<4;j++)c[r][j]=_mm512_setzero_ps();
    for(int k=0;k<K;k++){
      __m512 b0=_mm512_loadu_ps(B+k*N),b1=_mm512_loadu_ps(B+k*N+16),b2=_mm512_loadu_ps(B+k*N+32),b3=_mm512_loadu_ps(B+k*N+48);
      for(int r=0;r<4;r++){__m512 a=_mm512_set1_ps(A[(i+r)*K+k]);
        c[r][0]=_mm512_fmadd_ps(a,b0,c[r][0]);c[r][1]=_mm512_fmadd_ps(a,b1,c[r][1]);
        c[r][2]=_mm512_fmadd_ps(a,b2,c[r][2]);c[r][3]=_mm512_fmadd_ps(a,b3,c[r][3]);}
    }
    for(int r=0;r<4;r++)for(int j=0;j<4;j++)_mm512_storeu_ps(C+(i+r)*N+16*j,c[r][j]);
  }
}

// Split 16 floats into bf16 parts hi+mid+lo (round to nearest even each time; exact for normal values).
__attribute__((target("avx512f,avx512bf16,avx512bw")))
static inline void split16(__m512 x,__m256i*h,__m256i*m,__m256i*l){
  __m256i hb=(__m256i)_mm512_cvtneps_pbh(x);
  __m512 hf=_mm512_castsi512_ps(_mm512_slli_epi32(_mm512_cvtepu16_epi32(hb),16));
  __m512 r1=_mm512_sub_ps(x,hf);
  __m256i mb=(__m256i)_mm512_cvtneps_pbh(r1);
  __m512 mf=_mm512_castsi512_ps(_mm512_slli_epi32(_mm512_cvtepu16_epi32(mb),16));
  __m512 r2=_mm512_sub_ps(r1,mf);
  *h=hb;*m=mb;*l=(__m256i)_mm512_cvtneps_pbh(r2);
}
// A (M×K fp32, row-major) → 3 bf16 matrices M×K (row-major: an AMX A tile is 16 rows × 32 bf16).
__attribute__((target("avx512f,avx512bf16,avx512bw")))
static void splitA(const float*A,uint16_t*P){ // P: [3][M*K]
  for(int e=0;e<M*K;e+=16){__m256i h,m,l;split16(_mm512_loadu_ps(A+e),&h,&m,&l);
    _mm256_storeu_si256((__m256i*)(P+e),h);_mm256_storeu_si256((__m256i*)(P+M*K+e),m);_mm256_storeu_si256((__m256i*)(P+2*M*K+e),l);}
}
// B (K×N fp32) → 3 VNNI bf16 matrices (K/2 rows × 2N): pair (k,k+1) of column n at [k/2][2n+{0,1}].
static void packB(const float*B,uint16_t*P){
  float tmp[16]; uint16_t hh[16],mm[16],ll[16];
  for(int k=0;k<K;k++)for(int n=0;n<N;n+=16){
    memcpy(tmp,B+k*N+n,64);
    __m256i h,m,l;split16(_mm512_loadu_ps(tmp),&h,&m,&l);
    _mm256_storeu_si256((__m256i*)hh,h);_mm256_storeu_si256((__m256i*)mm,m);_mm256_storeu_si256((__m256i*)ll,l);
    for(int j=0;j<16;j++){int at=(k/2)*(2*N)+2*(n+j)+(k&1);P[at]=hh[j];P[K*N+at]=mm[j];P[2*K*N+at]=ll[j];}
  }
}
// terms: list of (a part, b part) products, small ones first (better accumulation).
static int terms3[][2]={{0,1},{1,0},{0,0}};
static int terms6[][2]={{0,2},{1,1},{2,0},{0,1},{1,0},{0,0}};
static int terms9[][2]={{2,2},{1,2},{2,1},{0,2},{1,1},{2,0},{0,1},{1,0},{0,0}};

__attribute__((target("amx-tile,amx-bf16,avx512f,avx512bf16,avx512bw")))
static void sgemm_amx2(const float*A,const uint16_t*Bp,float*C,int nt,int(*terms)[2],uint16_t*Ap){
  splitA(A,Ap);
  for(int i=0;i<M;i+=32)for(int jh=0;jh<N;jh+=32){
    _tile_zero(0);_tile_zero(1);_tile_zero(2);_tile_zero(3);
    for(int t=0;t<nt;t++){const uint16_t*a=Ap+terms[t][0]*M*K;const uint16_t*b=Bp+terms[t][1]*K*N;
      for(int kk=0;kk<K;kk+=32){
        _tile_loadd(4,a+i*K+kk,K*2); _tile_loadd(5,a+(i+16)*K+kk,K*2);
        _tile_loadd(6,b+(kk/2)*(2*N)+2*jh,N*4); _tile_loadd(7,b+(kk/2)*(2*N)+2*jh+32,N*4);
        _tile_dpbf16ps(0,4,6);_tile_dpbf16ps(1,4,7);_tile_dpbf16ps(2,5,6);_tile_dpbf16ps(3,5,7);
      }}
    _tile_stored(0,C+i*N+jh,N*4);_tile_stored(1,C+i*N+jh+16,N*4);_tile_stored(2,C+(i+16)*N+jh,N*4);_tile_stored(3,C+(i+16)*N+jh+16,N*4);
  }
}

__attribute__((target("amx-tile")))
static void config(void){cfg_t c;memset(&c,0,sizeof c);c.palette=1;
  for(int i=0;i<4;i++){c.colsb[i]=64;c.rows[i]=16;}          // C: 16 × 16 fp32
  c.colsb[4]=64;c.rows[4]=16;                                  // A: 16 rows × 32 bf16
  for(int i=5;i<8;i++){c.colsb[i]=64;c.rows[i]=16;}            // B: 16 (k pairs) × 16 cols × 2
  _tile_loadconfig(&c);}

static uint64_t s=88172645463325252ull; static double rnd(void){s^=s<<13;s^=s>>7;s^=s<<17;return (s>>11)*(1.0/9007199254740992.0)*2-1;}
int main(void){
  if(syscall(SYS_arch_prctl,0x1023,18)){puts("no AMX permission");return 1;}
  config();
  static float A[M*K],B[K*N],C[M*N]; static double R[M*N]; static uint16_t Ap[3*M*K],Bp[3*K*N];
  for(int i=0;i<M*K;i++)A[i]=rnd()>0?rnd()*2:0; // ReLU-like: half zeros
  for(int i=0;i<K*N;i++)B[i]=rnd()*0.2;
  for(int i=0;i<M;i++)for(int j=0;j<N;j++){double a=0;for(int k=0;k<K;k++)a+=(double)A[i*K+k]*B[k*N+j];R[i*N+j]=a;}
  packB(B,Bp);
  struct{const char*name;int nt;int(*t)[2];}v[]={{"bf16x3",3,terms3},{"bf16x6",6,terms6},{"bf16x9",9,terms9}};
  int reps=6400000/M;
  // accuracy: error relative to the row's scale Σ|a||b|
  double errF=0; sgemm_fma(A,B,C);
  for(int i=0;i<M*N;i++){int r=i/N,c=i%N;double sc=0;for(int k=0;k<K;k++)sc+=fabs((double)A[r*K+k]*B[k*N+c]);if(sc>0){double e=fabs(C[i]-R[i])/sc;if(e>errF)errF=e;}}
  double t0=now();for(int r=0;r<reps;r++){sgemm_fma(A,B,C);__asm__ volatile(""::"r"(C):"memory");}double tf=(now()-t0)/reps;
  printf("fp32 FMA  : %.3f us/call  %.1f GFLOP/s  max err/scale %.2e\n",tf*1e6,2.0*M*N*K/tf/1e9,errF);
  for(int q=0;q<3;q++){
    sgemm_amx2(A,Bp,C,v[q].nt,v[q].t,Ap);double e=0;
    for(int i=0;i<M*N;i++){int r=i/N,c=i%N;double sc=0;for(int k=0;k<K;k++)sc+=fabs((double)A[r*K+k]*B[k*N+c]);if(sc>0){double ee=fabs(C[i]-R[i])/sc;if(ee>e)e=ee;}}
    t0=now();for(int r=0;r<reps;r++){sgemm_amx2(A,Bp,C,v[q].nt,v[q].t,Ap);__asm__ volatile(""::"r"(C):"memory");}double ta=(now()-t0)/reps;
    t0=now();for(int r=0;r<reps/10;r++){packB(B,Bp);__asm__ volatile(""::"r"(Bp):"memory");}double tp=(now()-t0)/(reps/10);
    printf("%s    : %.3f us/call (%.2fx fp32)  max err/scale %.2e   [packB %.3f us, once per step per layer]\n",v[q].name,ta*1e6,tf/ta,e,tp*1e6);
  }
  _tile_release();return 0;}
