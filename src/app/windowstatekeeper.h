#pragma once
// WindowStateKeeper: remembers a window's geometry (and a QMainWindow's docks and toolbars),
// splitter positions and table header states in QSettings under "<key>/...", restores them on
// restore() and saves them when the window closes (and on save()). The window owns it.
// GUI thread.

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

class QHeaderView;
class QSplitter;
class QWidget;

namespace qmp {

class WindowStateKeeper : public QObject
{
    Q_OBJECT
public:
    // key names the window in the settings ("mainWindow").
    WindowStateKeeper(QWidget *window, const QString &key);

    // name: unique within this window.
    void track(QSplitter *splitter, const QString &name);
    void track(QHeaderView *header, const QString &name);

    // False when nothing was saved yet (the window keeps its default size).
    bool restore();
    void save();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QString settingsKey(const QString &name) const;

    QPointer<QWidget> m_window;
    QString m_key;
    QList<QPair<QPointer<QSplitter>, QString>> m_splitters;
    QList<QPair<QPointer<QHeaderView>, QString>> m_headers;
};

} // namespace qmp
