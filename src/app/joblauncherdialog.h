#pragma once
// JobLauncherDialog: builds a batch — a command template over inputs (files, the lines of a
// file, a numeric range, a typed list) or a demo task called once per input — with parallelism, a timeout and
// retries, for a target (LaunchTarget: the QMP service by default, where commands keep running
// when the studio closes, the studio itself: a new or an existing pool of the hub, or a new pool
// on a Slurm partition), and shows
// the first commands it will run. Demo tasks run in the studio only: with the service as target
// the form says so and Start stays disabled (the target is never changed behind the user's back).
// OK only closes it when the batch is valid; otherwise it says what is wrong. The caller starts
// the batch from spec() (StudioSession::launch). A batch started remembers its form (template,
// task, inputs) for the next time (QSettings group "launcher"). GUI thread.

#include "batchspec.h"

#include <QDialog>
#include <QStringList>

class QLabel;

#include <memory>
#include <optional>

namespace Ui {
class JobLauncherDialog;
}

namespace qmp {

class LaunchTargetCombo;
class MonitorHub;

class JobLauncherDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Source { Files, Lines, Range, Typed };
    Q_ENUM(Source)
    static constexpr int kPreviewLines = 8;

    // hub lists the pools a batch can go to; not owned.
    explicit JobLauncherDialog(MonitorHub *hub, QWidget *parent = nullptr);
    ~JobLauncherDialog() override;

    // Filling the form from code (the history's re-run, tests); the same as the user typing.
    void setCommandTemplate(const QString &text);
    void setTask(const QString &name);
    void setSource(Source source);
    void setFiles(const QStringList &paths);
    void setLinesFile(const QString &path);
    void setRange(int from, int to, int step);
    void setTypedInputs(const QStringList &inputs);
    void setParallelism(int processes);
    void setTimeoutSeconds(double seconds);
    void setRetries(int retries);
    // Where the batch goes (see LaunchTargetCombo). A Slurm partition sinfo has not listed yet
    // is chosen once it is.
    void setTarget(const LaunchTarget &target);
    LaunchTarget target() const;
    LaunchTargetCombo *targetCombo() const { return m_target; }
    void setTargetPool(int poolId); // a pool of the studio (target Studio); 0: a new pool
    void setPoolName(const QString &name);

    // The batch as the form says, or nullopt with *error saying what is wrong.
    std::optional<BatchSpec> spec(QString *error = nullptr) const;
    QString previewText() const;
    QString errorText() const;

    void accept() override;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void addFiles();
    void browseLinesFile();
    void fillPools();
    void updateState();
    void restoreLast();
    void rememberLast() const;
    std::optional<QStringList> inputs(QString *error) const;

    std::unique_ptr<Ui::JobLauncherDialog> m_ui;
    MonitorHub *m_hub;
    LaunchTargetCombo *m_target = nullptr;
    QLabel *m_targetLabel = nullptr;
};

} // namespace qmp
