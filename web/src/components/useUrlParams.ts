import { useCallback, useEffect, useRef, useState } from "react";
import { useSearchParams } from "react-router";

/**
 * The query string as state: a change shows at once (the router's own update runs as a transition), and
 * the URL follows (replaced, so typing does not fill the history). Back, forward and links still win.
 */
export function useUrlParams(): [
  URLSearchParams,
  (update: (prev: URLSearchParams) => URLSearchParams) => void,
] {
  const [urlParams, setUrlParams] = useSearchParams();
  const urlKey = urlParams.toString();
  const [local, setLocal] = useState(() => new URLSearchParams(urlKey));
  const current = useRef(local);
  // The router's setter changes with every URL; callers need one that does not.
  const setUrl = useRef(setUrlParams);
  setUrl.current = setUrlParams;

  useEffect(() => {
    if (current.current.toString() === urlKey) return;
    const fromUrl = new URLSearchParams(urlKey);
    current.current = fromUrl;
    setLocal(fromUrl);
  }, [urlKey]);

  const update = useCallback((fn: (prev: URLSearchParams) => URLSearchParams) => {
    const next = fn(new URLSearchParams(current.current));
    if (next.toString() === current.current.toString()) return;
    current.current = next;
    setLocal(next);
    setUrl.current(next, { replace: true });
  }, []);

  return [local, update];
}
