// The invisible 64×64 target in the top-left corner of the idle (and maintenance) screen.
import { useRef } from 'react';
import { countTap } from './hidden-gesture.js';

export function AdminCorner({ onOpen }: { onOpen: () => void }) {
  const taps = useRef<number[]>([]);
  return (
    <div
      className="admin-corner"
      data-testid="admin-corner"
      aria-hidden="true"
      onPointerDown={() => {
        const counted = countTap(taps.current, performance.now());
        taps.current = counted.taps;
        if (counted.complete) onOpen();
      }}
    />
  );
}
