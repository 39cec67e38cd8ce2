// A modal confirmation for consequential actions (role change, disabling a user, withdrawing an identification,
// closing a case): the native <dialog> traps focus, Escape cancels, focus returns to the control that asked.
import { useCallback, useRef, useState, type ReactNode } from 'react';

interface Ask {
  title: string;
  body: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  resolve(ok: boolean): void;
}

export function useConfirm(): { confirm(a: Omit<Ask, 'resolve'>): Promise<boolean>; dialog: ReactNode } {
  const [ask, setAsk] = useState<Ask | null>(null);
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  const confirm = useCallback(
    (a: Omit<Ask, 'resolve'>) =>
      new Promise<boolean>((resolve) => {
        opener.current = document.activeElement;
        setAsk({ ...a, resolve });
      }),
    [],
  );
  const close = (ok: boolean) => {
    ask?.resolve(ok);
    ref.current?.close();
    setAsk(null);
    (opener.current as HTMLElement | null)?.focus?.();
  };
  const dialog = ask ? (
    <dialog
      ref={(el) => {
        (ref as { current: HTMLDialogElement | null }).current = el;
        if (el && !el.open) el.showModal();
      }}
      className="panel confirm"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-body"
      data-testid="confirm"
      onCancel={(e) => {
        e.preventDefault();
        close(false);
      }}
    >
      <h2 id="confirm-title">{ask.title}</h2>
      <div id="confirm-body">{ask.body}</div>
      <div className="row">
        <button type="button" autoFocus onClick={() => close(false)}>
          Cancel
        </button>
        <button type="button" className={ask.danger ? 'danger' : 'primary'} onClick={() => close(true)}>
          {ask.confirmLabel}
        </button>
      </div>
    </dialog>
  ) : null;
  return { confirm, dialog };
}
