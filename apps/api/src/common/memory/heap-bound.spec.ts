import { HeapBound, v8Controls, type HeapControls } from './heap-bound';

describe('HeapBound', () => {
  const recording = () => {
    const calls: string[] = [];
    const controls: HeapControls = {
      setGrowingPercent: (percent) => calls.push(`percent ${percent}`),
      collect: () => calls.push('collect'),
    };
    return { calls, controls };
  };

  afterEach(() => jest.useRealTimers());

  it('sets the bound and collects once when the first bounded work starts, lifts it after the linger', () => {
    jest.useFakeTimers();
    const { calls, controls } = recording();
    const bound = new HeapBound({ base: 0, bulk: 20 }, controls, 1000);
    const first = bound.enter();
    const second = bound.enter();
    expect(calls).toEqual(['percent 20', 'collect']);
    first();
    first(); // a second release of the same work changes nothing
    second();
    expect(bound.bounded).toBe(true);
    jest.advanceTimersByTime(999);
    expect(calls).toEqual(['percent 20', 'collect']);
    jest.advanceTimersByTime(1);
    expect(calls).toEqual(['percent 20', 'collect', 'percent 0']);
    expect(bound.bounded).toBe(false);
  });

  it('keeps the bound through a burst: work that starts within the linger neither collects again nor lets it lift', () => {
    jest.useFakeTimers();
    const { calls, controls } = recording();
    const bound = new HeapBound({ base: 0, bulk: 20 }, controls, 1000);
    bound.enter()();
    jest.advanceTimersByTime(500);
    const again = bound.enter();
    jest.advanceTimersByTime(5000);
    expect(calls).toEqual(['percent 20', 'collect']);
    again();
    jest.advanceTimersByTime(1000);
    expect(calls).toEqual(['percent 20', 'collect', 'percent 0']);
    bound.enter();
    expect(calls).toEqual(['percent 20', 'collect', 'percent 0', 'percent 20', 'collect']);
  });

  it('sets the ordinary factor at start and returns to it after the bound', () => {
    const { calls, controls } = recording();
    new HeapBound({ base: 100, bulk: 20 }, controls).start();
    expect(calls).toEqual(['percent 100']);
  });

  it('releases when the work fails (back to the ordinary factor), and does nothing at 0 %', async () => {
    jest.useFakeTimers();
    const { calls, controls } = recording();
    const bound = new HeapBound({ base: 100, bulk: 20 }, controls, 10);
    await expect(bound.during(() => Promise.reject(new Error('broken')))).rejects.toThrow('broken');
    jest.advanceTimersByTime(10);
    expect(calls).toEqual(['percent 20', 'collect', 'percent 100']);
    const off = recording();
    await expect(new HeapBound({ base: 0, bulk: 0 }, off.controls).start().during(() => Promise.resolve(7))).resolves.toBe(7);
    expect(off.calls).toEqual([]);
  });

  it("runs a real full collection through V8's own controls", async () => {
    const controls = v8Controls();
    const garbage = new WeakRef({ big: new Array(1000).fill('x') });
    // a WeakRef's target is kept until the current job ends
    await new Promise((resolve) => setImmediate(resolve));
    controls.collect();
    expect(garbage.deref()).toBeUndefined();
    controls.setGrowingPercent(0);
  });
});
