/** A progress bar on stderr: redrawn in place on a terminal, a line per 10 % otherwise. */
export function progressBar(stream: NodeJS.WritableStream & { isTTY?: boolean }, label: string): (done: number, total: number) => void {
  const started = performance.now();
  let lastDraw = 0;
  let lastDecile = -1;
  return (done, total) => {
    const now = performance.now();
    const frac = total > 0 ? Math.min(1, done / total) : 0;
    const rate = done / Math.max((now - started) / 1000, 1e-9);
    const text = `${label} [${'#'.repeat(Math.round(frac * 30)).padEnd(30, '.')}] ${(frac * 100).toFixed(0).padStart(3)}%  ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}  ${Math.round(rate).toLocaleString('en-US')}/s`;
    if (stream.isTTY === true) {
      if (now - lastDraw < 100 && done < total) return;
      lastDraw = now;
      stream.write(`\r${text}${done >= total ? '\n' : ''}`);
    } else {
      const decile = Math.floor(frac * 10);
      if (decile === lastDecile) return;
      lastDecile = decile;
      stream.write(`${text}\n`);
    }
  };
}
