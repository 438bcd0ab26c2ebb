#include "windowstatekeeper.h"

#include <QEvent>
#include <QHeaderView>
#include <QMainWindow>
#include <QSettings>
#include <QSplitter>

namespace qmp {

WindowStateKeeper::WindowStateKeeper(QWidget *window, const QString &key)
    : QObject(window)
    , m_window(window)
    , m_key(key)
{
    window->installEventFilter(this);
}

void WindowStateKeeper::track(QSplitter *splitter, const QString &name)
{
    m_splitters.append({splitter, name});
}

void WindowStateKeeper::track(QHeaderView *header, const QString &name)
{
    m_headers.append({header, name});
}

QString WindowStateKeeper::settingsKey(const QString &name) const
{
    return m_key + QLatin1Char('/') + name;
}

bool WindowStateKeeper::restore()
{
    QSettings settings;
    if (!m_window)
        return false;
    const QByteArray geometry = settings.value(settingsKey(QStringLiteral("geometry"))).toByteArray();
    const bool found = !geometry.isEmpty() && m_window->restoreGeometry(geometry);
    if (auto *main = qobject_cast<QMainWindow *>(m_window.data()))
        main->restoreState(settings.value(settingsKey(QStringLiteral("state"))).toByteArray());
    for (const auto &[splitter, name] : std::as_const(m_splitters)) {
        const QByteArray state = settings.value(settingsKey(QStringLiteral("splitter/") + name)).toByteArray();
        if (splitter && !state.isEmpty())
            splitter->restoreState(state);
    }
    for (const auto &[header, name] : std::as_const(m_headers)) {
        const QByteArray state = settings.value(settingsKey(QStringLiteral("header/") + name)).toByteArray();
        if (header && !state.isEmpty())
            header->restoreState(state);
    }
    return found;
}

void WindowStateKeeper::save()
{
    if (!m_window)
        return;
    QSettings settings;
    settings.setValue(settingsKey(QStringLiteral("geometry")), m_window->saveGeometry());
    if (auto *main = qobject_cast<QMainWindow *>(m_window.data()))
        settings.setValue(settingsKey(QStringLiteral("state")), main->saveState());
    for (const auto &[splitter, name] : std::as_const(m_splitters)) {
        if (splitter)
            settings.setValue(settingsKey(QStringLiteral("splitter/") + name), splitter->saveState());
    }
    for (const auto &[header, name] : std::as_const(m_headers)) {
        if (header)
            settings.setValue(settingsKey(QStringLiteral("header/") + name), header->saveState());
    }
}

bool WindowStateKeeper::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && event->type() == QEvent::Close)
        save();
    return QObject::eventFilter(watched, event);
}

} // namespace qmp
