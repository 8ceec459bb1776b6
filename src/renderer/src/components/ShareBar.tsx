// A thin bar filled to a share of its width. Drawn as SVG, whose width
// attribute is no style: the content security policy allows no inline styles.
export function ShareBar({ share, fill, className }: { share: number; fill: string; className: string }) {
  const width = Math.max(0, Math.min(100, share * 100))
  return (
    <svg className={`block w-full ${className}`} viewBox="0 0 100 1" preserveAspectRatio="none" aria-hidden>
      <rect className={fill} width={width} height={1} />
    </svg>
  )
}
