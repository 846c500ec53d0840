import type { ImgHTMLAttributes } from "react";

/**
 * A plain <img> for studio assets. The API already serves a WebP thumbnail variant and immutable
 * cache headers, so the Next image optimizer would only re-encode what is small already.
 */
export function AssetImage({ alt, ...rest }: ImgHTMLAttributes<HTMLImageElement> & { alt: string }) {
  // eslint-disable-next-line @next/next/no-img-element -- see above: served pre-sized by our own API
  return <img alt={alt} decoding="async" draggable={false} {...rest} />;
}
