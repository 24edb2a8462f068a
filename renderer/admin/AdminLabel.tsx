// One admin line in Japanese, then English.
import { adminText, type AdminTextKey } from './admin-text.js';

interface Props {
  textKey: AdminTextKey;
  values?: Record<string, string | number>;
  as?: 'span' | 'p' | 'h1' | 'h2' | 'dt';
  className?: string;
}

export function AdminLabel({ textKey, values, as: Tag = 'span', className }: Props) {
  return (
    <Tag className={className ? `admin-label ${className}` : 'admin-label'}>
      <span lang="ja">{adminText(textKey, 'ja', values)}</span>
      <span lang="en" className="admin-label-en">
        {adminText(textKey, 'en', values)}
      </span>
    </Tag>
  );
}
