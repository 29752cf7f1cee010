"use client";

import { createContext, useCallback, useContext, useEffect, useRef } from "react";
import { EMBED_MESSAGE_SOURCE, type EmbedEvent, type EmbedMessage } from "./messages";

// The embed's page body: reports its content height to the host and carries the events.
// Messages go only to the parent origin the server verified (null: nothing is posted).
// Height only, from the content's own box (never the frame's viewport), and only when it
// changed by a pixel or more, so resizing the frame can never feed back into a loop.

type Post = (event: EmbedEvent) => void;
const EmbedPostContext = createContext<Post>(() => {});
export const useEmbedPost = () => useContext(EmbedPostContext);

function post(parent: string | null, message: EmbedMessage) {
  if (!parent || window.parent === window) return;
  window.parent.postMessage(message, parent);
}

export function EmbedFrame({ parent, event, children }: { parent: string | null; event?: EmbedEvent; children: React.ReactNode }) {
  const content = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = content.current;
    if (!el) return;
    let last = 0;
    const report = () => {
      const height = Math.ceil(el.getBoundingClientRect().height);
      if (Math.abs(height - last) < 1) return;
      last = height;
      post(parent, { source: EMBED_MESSAGE_SOURCE, type: "booking:resize", height });
    };
    const observer = new ResizeObserver(report);
    observer.observe(el);
    report();
    return () => observer.disconnect();
  }, [parent]);

  useEffect(() => {
    // The flow's own dialogs close on Escape first; only a key no dialog took reaches the host.
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || e.defaultPrevented || document.querySelector("dialog[open]")) return;
      post(parent, { source: EMBED_MESSAGE_SOURCE, type: "booking:escape" });
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [parent]);

  useEffect(() => {
    if (event) post(parent, { source: EMBED_MESSAGE_SOURCE, ...event });
    // The page's event is sent once, when it is shown.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const send: Post = useCallback((e) => post(parent, { source: EMBED_MESSAGE_SOURCE, ...e }), [parent]);
  return (
    <EmbedPostContext.Provider value={send}>
      {/* flow-root keeps the children's margins inside the measured box. */}
      <div ref={content} data-embed-content className="flow-root">
        {children}
      </div>
    </EmbedPostContext.Provider>
  );
}
