/** A progress bar on stderr, only when stderr is a terminal; redraws at most ten times a second. */
export function progressBar(label: string, enabled = process.stderr.isTTY === true) {
  let last = 0;
  const draw = (done: number, total: number) => {
    const ratio = total > 0 ? Math.min(1, done / total) : 0;
    const width = 30;
    const filled = Math.round(ratio * width);
    const bar = `${"█".repeat(filled)}${"░".repeat(width - filled)}`;
    process.stderr.write(`\r${label} ${bar} ${(ratio * 100).toFixed(0).padStart(3)} %`);
  };
  return {
    update(done: number, total: number) {
      if (!enabled) return;
      const now = performance.now();
      if (now - last < 100 && done < total) return;
      last = now;
      draw(done, total);
    },
    stop() {
      if (enabled) process.stderr.write("\r\x1b[2K");
    },
  };
}
