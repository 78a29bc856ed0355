/**
 * Practice mode's USB stick: a sparse file named by this pseudo device, which matches no real
 * device node (deviceNodeSchema), so the privileged helper refuses it, and only practice mode's
 * writer accepts it (and nothing else).
 */
export const PRACTICE_STICK_DEVICE = 'practice:stick';
/** 8 GB, as a real stick's label counts */
export const PRACTICE_STICK_BYTES = 8_000_000_000;
