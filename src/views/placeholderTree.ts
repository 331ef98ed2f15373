// A tree with no items yet. VS Code then shows the view's welcome content (package.json
// `viewsWelcome`), which is how a first-time user learns what the view is for.
import * as vscode from 'vscode';

export class EmptyTreeProvider implements vscode.TreeDataProvider<never> {
  getTreeItem(element: never): vscode.TreeItem {
    return element;
  }
  getChildren(): never[] {
    return [];
  }
}
