// The admin screen is for staff and facilities teams: Japanese and English, side by side.
// Kept here rather than in locales/: it is not offered in the residents' fourteen languages.
export const ADMIN_TEXT = {
  title: { ja: '管理画面', en: 'Administration' },
  pinTitle: { ja: '管理者PINを入力してください', en: 'Enter the admin PIN' },
  pinDigits: { ja: '入力した桁数', en: 'Digits entered' },
  wrongPin: { ja: 'PINが違います。あと{n}回間違えると、しばらく入力できなくなります。', en: 'Wrong PIN. {n} more wrong attempts lock the screen for a while.' },
  locked: { ja: '誤ったPINが続いたため、{time}まで入力できません。', en: 'Too many wrong PINs: locked until {time}.' },
  pinNotSet: { ja: '管理者PINが設定されていません。設定ファイルの admin.pin を設定してください。', en: 'No admin PIN is set: set admin.pin in kokuchi.config.json.' },
  ok: { ja: '決定', en: 'OK' },
  back: { ja: '戻る', en: 'Back' },
  erase: { ja: '1文字消す', en: 'Delete' },
  kioskId: { ja: '端末ID', en: 'Kiosk ID' },
  counterId: { ja: '窓口ID', en: 'Counter ID' },
  version: { ja: 'バージョン', en: 'Version' },
  staffLink: { ja: '職員アプリの接続先', en: 'Staff link' },
  token: { ja: 'ペアリング用トークン', en: 'Pairing token' },
  pairingQr: { ja: '職員アプリでこのQRコードを読み取るとペアリングできます', en: 'Scan with the staff app to pair it' },
  staffClients: { ja: '接続中の職員アプリ', en: 'Staff apps connected' },
  webhooks: { ja: 'Webhook 未送信の件数', en: 'Webhook backlog' },
  none: { ja: 'なし', en: 'None' },
  hub: { ja: '記録ハブへの送信', en: 'Records hub' },
  hubBacklog: { ja: '未送信 {n}件', en: '{n} not yet sent' },
  hubLast: { ja: '最終送信 {time}（番号 {seq}）', en: 'last sent {time} (seq {seq})' },
  hubNever: { ja: 'まだ送信していません', en: 'nothing sent yet' },
  ledger: { ja: '記録台帳', en: 'Ledger' },
  lastSeq: { ja: '最終番号', en: 'Last seq' },
  verifyOk: { ja: '検証OK（{n}件）', en: 'Verified ({n} events)' },
  verifyBroken: { ja: '検証エラー', en: 'BROKEN' },
  clock: { ja: '端末の時計', en: 'System clock' },
  clockOk: { ja: '正常', en: 'OK' },
  clockJumped: {
    ja: '時計が{offset}ずれています（{jumps}回の飛び、最後は{time}）。直るまで保存期間による削除は行いません。',
    en: 'The clock is off by {offset} ({jumps} jumps, last at {time}). Retention deletes nothing until it is right.',
  },
  receiptKey: { ja: '控えの署名鍵（指紋）', en: 'Receipt signing key (fingerprint)' },
  receiptKeyNote: {
    ja: '住民の方に渡す控えはこの鍵で署名されています。kokuchi receipt verify で本物か確かめられます。',
    en: "Residents' receipts are signed with this key; kokuchi receipt verify checks them.",
  },
  languages: { ja: '提供している言語', en: 'Languages offered' },
  problems: { ja: '保守が必要な理由', en: 'Why the kiosk is in maintenance' },
  officeTextGaps: { ja: 'ほかの言語で表示される窓口の文', en: 'Office text shown in another language' },
  officeTextGap: {
    ja: '{language} を読む住民には {field} が {shownIn} で表示されます。設定の {field} に "{language}" を追加してください',
    en: '{language}: residents are shown {field} in {shownIn}; add a "{language}" entry to {field}',
  },
  refresh: { ja: '更新', en: 'Refresh' },
  close: { ja: '閉じる', en: 'Close' },
  exit: { ja: 'キオスクを終了', en: 'Exit kiosk' },
  exitConfirm: { ja: 'キオスクを終了します。よろしいですか？', en: 'Exit the kiosk now?' },
  exitYes: { ja: '終了する', en: 'Exit' },
  exitNo: { ja: 'やめる', en: 'Cancel' },
  exitHeadless: { ja: 'この端末はサービスとして動いています。終了するにはサービスを停止してください。', en: 'This kiosk runs as a service: stop the service to end it.' },
  loading: { ja: '読み込み中…', en: 'Loading…' },
  failed: { ja: '状態を読み込めませんでした', en: 'Could not load the status' },
} as const;

export type AdminTextKey = keyof typeof ADMIN_TEXT;

/** The text in one language, `{n}` / `{time}` filled in. */
export function adminText(key: AdminTextKey, language: 'ja' | 'en', values: Record<string, string | number> = {}): string {
  return ADMIN_TEXT[key][language].replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));
}
