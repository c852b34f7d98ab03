/** anagen's mark: three hair strands growing, on the clinic's teal. */
export function Logo({ size = 32 }: { size?: number }) {
  return (
    <svg class="logo" width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="8" fill="#0f6b66" />
      <path
        d="M10 24c0-7 3-13 6-16M16 24c0-6 1-11 3-14M22 24c0-5-1-9-2-11"
        stroke="#e7f5f3"
        stroke-width="2.4"
        fill="none"
        stroke-linecap="round"
      />
    </svg>
  );
}
