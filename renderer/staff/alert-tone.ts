// The audible alert: two short tones made in the page with WebAudio (no file, no network).
// Browsers start audio only after a user gesture, so the console prepares it on a click.
let context: AudioContext | null = null;

/** Call from a click or key press so that later alerts may sound. */
export function prepareAlertTone(): void {
  try {
    context ??= new AudioContext();
    void context.resume();
  } catch {
    context = null; // no audio device: the visual alert remains
  }
}

/** Plays the alert; returns whether audio was able to play. */
export function playAlertTone(): boolean {
  if (!context || context.state !== 'running') return false;
  const start = context.currentTime;
  for (const [offset, frequency] of [
    [0, 880],
    [0.28, 660],
  ] as const) {
    const tone = context.createOscillator();
    const volume = context.createGain();
    tone.type = 'sine';
    tone.frequency.value = frequency;
    // A soft attack and release: no click, audible across a counter without startling.
    volume.gain.setValueAtTime(0, start + offset);
    volume.gain.linearRampToValueAtTime(0.3, start + offset + 0.02);
    volume.gain.linearRampToValueAtTime(0, start + offset + 0.22);
    tone.connect(volume).connect(context.destination);
    tone.start(start + offset);
    tone.stop(start + offset + 0.25);
  }
  return true;
}
