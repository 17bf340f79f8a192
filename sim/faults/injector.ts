/**
 * Decides, per frame and per REST request, which fault to inject, from its own seeded stream
 * (so a faulty run is reproducible too), and counts every fault it injects.
 */
import { rngFor, type Rng } from '../market/rng.ts';
import type { FaultSpec } from './fault-spec.ts';

export type FrameFault = 'none' | 'gap' | 'duplicate' | 'garbage' | 'torn' | 'delay';
export type RestFault = 'none' | 'rest429' | 'rest418' | 'rest5xx' | 'timeout';

export class FaultInjector {
  private readonly frameRng: Rng;
  private readonly restRng: Rng;
  readonly framesActive: boolean;

  constructor(readonly spec: FaultSpec, seed: number, private readonly count: (name: string) => void) {
    this.frameRng = rngFor(seed, 'faults', 'frames');
    this.restRng = rngFor(seed, 'faults', 'rest');
    this.framesActive = spec.gap + spec.duplicate + spec.garbage + spec.torn + spec.delay > 0;
  }

  forFrame(): FrameFault {
    if (!this.framesActive) return 'none';
    const s = this.spec;
    let u = this.frameRng.next();
    for (const name of ['gap', 'duplicate', 'garbage', 'torn', 'delay'] as const) {
      if (u < s[name]) {
        this.count(name);
        return name;
      }
      u -= s[name];
    }
    return 'none';
  }

  forRequest(): RestFault {
    const s = this.spec;
    let u = this.restRng.next();
    for (const name of ['rest429', 'rest418', 'rest5xx', 'timeout'] as const) {
      if (u < s[name]) {
        this.count(name);
        return name;
      }
      u -= s[name];
    }
    return 'none';
  }

  /** Random bytes that are not a valid frame (they start like one, then go wrong). */
  garbage(length: number): Uint8Array {
    const out = new Uint8Array(Math.max(4, length));
    for (let i = 0; i < out.length; i++) out[i] = this.frameRng.nextU32() & 0xff;
    out[0] = 0x0a;
    out[1] = 0xff;
    return out;
  }

  torn(frame: Uint8Array): Uint8Array {
    return frame.subarray(0, Math.max(1, Math.floor(frame.length * this.frameRng.uniform(0.2, 0.9))));
  }

  delayMs(): number {
    return Math.round(this.frameRng.uniform(50, 500));
  }
}
