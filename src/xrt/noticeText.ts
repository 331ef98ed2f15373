// The words of the notifications a job's products give when they finish (src/xrt/announcer.ts shows
// them): pure, so the phrasing is tested on Node.

/** "Light curve", "Light curve and spectrum", "Light curve, spectrum and standard position". */
function productList(labels: readonly string[]): string {
  const words = labels.map((label, i) => (i === 0 ? label : label.charAt(0).toLowerCase() + label.slice(1)));
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** One notice for every product of a job that one status reply showed finished. */
export function readyText(jobName: string, jobId: string, labels: readonly string[]): string {
  return `${productList(labels)} of ${jobName} (XRT job ${jobId}) ${labels.length === 1 ? 'is' : 'are'} ready.`;
}

export function failedText(jobName: string, jobId: string, label: string, statusText: string): string {
  return `${label} of ${jobName} (XRT job ${jobId}) failed: ${statusText || 'no product was made'}.`;
}
