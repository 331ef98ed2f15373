// The one page shell of the extension's webviews: a strict Content Security Policy (nothing but the
// extension's own script, by nonce, and its own styles and images), the bundle's CSS and script, and
// a fixed placeholder body. Data never goes into this HTML; it reaches the page as messages.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

interface WebviewPage {
  readonly webview: vscode.Webview;
  readonly extensionUri: vscode.Uri;
  /** Bundle name in dist/webview, e.g. `productViewer.main` (its .js and .css are used). */
  readonly bundle: string;
  readonly title: string;
  /** Static placeholder markup shown until the script renders (never data). */
  readonly placeholder: string;
}

export function webviewHtml(page: WebviewPage): string {
  const { webview } = page;
  const nonce = randomBytes(16).toString('base64');
  const asset = (extension: string): string =>
    webview.asWebviewUri(vscode.Uri.joinPath(page.extensionUri, 'dist', 'webview', `${page.bundle}.${extension}`)).toString();
  const csp = [
    `default-src 'none'`,
    `img-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('css')}">
<title>${page.title}</title>
</head>
<body>
${page.placeholder}
<script nonce="${nonce}" src="${asset('js')}"></script>
</body>
</html>`;
}
