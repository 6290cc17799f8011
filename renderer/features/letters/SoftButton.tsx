// A button that stays focusable while unavailable: a native `disabled` drops keyboard focus to the
// page when it turns on under the person's hand (a print starting), so `aria-disabled` instead.
import type { ButtonHTMLAttributes, CSSProperties, Ref } from 'react';

const unavailable: CSSProperties = { opacity: 0.6, cursor: 'not-allowed' };

type Props = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'disabled' | 'onClick' | 'type'> & {
  disabled: boolean;
  onClick: () => void;
  ref?: Ref<HTMLButtonElement>;
};

export function SoftButton({ disabled, onClick, style, ref, ...rest }: Props) {
  return (
    <button
      {...rest}
      ref={ref}
      type="button"
      aria-disabled={disabled || undefined}
      style={disabled ? { ...style, ...unavailable } : style}
      onClick={() => {
        if (!disabled) onClick();
      }}
    />
  );
}
