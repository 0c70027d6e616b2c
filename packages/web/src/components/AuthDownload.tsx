import { useState } from 'react';
import { authHeaders } from '../api/client.js';
import { useI18n } from '../i18n/index.js';

/**
 * Downloads an API resource that needs the token (a plain link cannot send the Authorization header):
 * fetches it and saves it through a blob URL.
 */
export function AuthDownload({ url, filename, children }: { url: string; filename: string; children: string }) {
  const { t } = useI18n();
  const [error, setError] = useState<string | undefined>();
  const onClick = async () => {
    try {
      const response = await fetch(url, { headers: authHeaders() });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const blob = await response.blob();
      const objectUrl = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = objectUrl;
      a.download = filename;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(objectUrl), 10_000);
      setError(undefined);
    } catch (e) {
      setError(`${t('common.error')}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return (
    <>
      <button type="button" className="utrecht-button utrecht-button--subtle twl-download" onClick={onClick}>
        {children}
      </button>
      {error && <span role="alert">{error}</span>}
    </>
  );
}
