#pragma once
// AttachDialog: picks a running libqmp program to attach to — every program on this machine that
// serves a monitor socket (started with QMP_MONITOR=1, or another qmp-studio), with its pid,
// name, owner and what it allows (asked from the program itself: read-only, or controls allowed).
// The studio then shows that program's pools beside its own. Refresh re-reads the list (a local
// program answers at once; one that does not is given half a second).

#include "monitorprotocol.h"

#include <QDialog>
#include <QList>

#include <optional>

class QDialogButtonBox;
class QLabel;
class QPushButton;
class QTreeWidget;

namespace qmp {

class AttachDialog : public QDialog
{
    Q_OBJECT
public:
    // excludedPids: programs not to offer (this studio; programs already attached).
    explicit AttachDialog(QList<qint64> excludedPids, QWidget *parent = nullptr);

    // The program picked; nullopt when none is selected.
    std::optional<MonitorEndpoint> selectedEndpoint() const;
    int programCount() const { return int(m_endpoints.size()); }

public Q_SLOTS:
    void refresh();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateButtons();

    QList<qint64> m_excluded;
    QList<MonitorEndpoint> m_endpoints;
    QLabel *m_intro;
    QTreeWidget *m_list;
    QLabel *m_empty;
    QPushButton *m_refresh;
    QDialogButtonBox *m_buttons;
};

} // namespace qmp
