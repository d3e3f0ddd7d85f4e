/** The meshwatch mark: a hexagonal mesh with one watched node. Same drawing as app/icon.svg. */
export function Logo({ className = 'size-6' }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" className={className}>
      <rect width="32" height="32" rx="7" className="fill-teal-700 dark:fill-teal-500" />
      <g fill="none" stroke="white" strokeWidth="1.6" strokeLinejoin="round" opacity="0.9">
        <path d="M16 6.5l8.2 4.75v9.5L16 25.5l-8.2-4.75v-9.5z" />
        <path d="M16 6.5V16m0 0l8.2 4.75M16 16l-8.2 4.75" />
      </g>
      <circle cx="16" cy="16" r="3" fill="white" />
    </svg>
  );
}
