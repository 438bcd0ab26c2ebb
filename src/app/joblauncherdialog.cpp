#include "joblauncherdialog.h"
#include "ui_joblauncherdialog.h"

#include "demotasks.h"
#include "commandtemplate.h"
#include "errors.h"
#include "launcherinputs.h"
#include "launchtargetcombo.h"
#include "monitorhub.h"
#include "runtime.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QEvent>
#include <QFileDialog>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>

#include <algorithm>

namespace qmp {

JobLauncherDialog::JobLauncherDialog(MonitorHub *hub, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::JobLauncherDialog>())
    , m_hub(hub)
{
    m_ui->setupUi(this);
    // Where the batch runs, first in "How and where": the service by default, the studio, or a
    // Slurm partition.
    m_target = new LaunchTargetCombo(m_ui->howGroup);
    m_targetLabel = new QLabel(m_ui->howGroup);
    m_targetLabel->setBuddy(m_target);
    m_ui->howLayout->insertRow(0, m_targetLabel, m_target);
    for (const QString &name : DemoTasks::names())
        m_ui->taskCombo->addItem(name, name);
    m_ui->parallelismSpin->setValue(qMax(1, processCpuCount()));
    m_ui->poolNameEdit->setText(tr("Batch pool"));
    fillPools();
    retranslate();

    connect(m_ui->sourceCombo, &QComboBox::currentIndexChanged, m_ui->sourceStack, &QStackedWidget::setCurrentIndex);
    connect(m_ui->addFilesButton, &QPushButton::clicked, this, &JobLauncherDialog::addFiles);
    connect(m_ui->clearFilesButton, &QPushButton::clicked, m_ui->fileList, &QListWidget::clear);
    connect(m_ui->browseLinesButton, &QPushButton::clicked, this, &JobLauncherDialog::browseLinesFile);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &JobLauncherDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &JobLauncherDialog::reject);

    // Every edit refreshes the preview and the error line.
    auto update = [this] { updateState(); };
    connect(m_ui->commandRadio, &QRadioButton::toggled, this, update);
    connect(m_ui->commandEdit, &QLineEdit::textChanged, this, update);
    connect(m_ui->taskCombo, &QComboBox::currentIndexChanged, this, update);
    connect(m_ui->sourceCombo, &QComboBox::currentIndexChanged, this, update);
    connect(m_ui->fileList->model(), &QAbstractItemModel::rowsInserted, this, update);
    connect(m_ui->fileList->model(), &QAbstractItemModel::modelReset, this, update);
    connect(m_ui->fileList->model(), &QAbstractItemModel::rowsRemoved, this, update);
    connect(m_ui->linesFileEdit, &QLineEdit::textChanged, this, update);
    connect(m_ui->fromSpin, &QSpinBox::valueChanged, this, update);
    connect(m_ui->toSpin, &QSpinBox::valueChanged, this, update);
    connect(m_ui->stepSpin, &QSpinBox::valueChanged, this, update);
    connect(m_ui->poolCombo, &QComboBox::currentIndexChanged, this, update);
    connect(m_ui->poolNameEdit, &QLineEdit::textChanged, this, update);
    connect(m_target, &QComboBox::currentIndexChanged, this, update);
    connect(m_ui->typedEdit, &QPlainTextEdit::textChanged, this, update);
    m_ui->commandEdit->setText(QStringLiteral("echo {#}: {}"));
    m_ui->sourceCombo->setCurrentIndex(int(Source::Range));
    restoreLast();
    updateState();
}

JobLauncherDialog::~JobLauncherDialog()
{
    // The list's model is destroyed with the form and signals on its way out.
    m_ui->fileList->model()->disconnect(this);
}

void JobLauncherDialog::retranslate()
{
    m_ui->retranslateUi(this);
    m_targetLabel->setText(tr("R&un on"));
    m_target->retranslate();
    m_ui->poolCombo->setItemText(0, tr("New pool"));
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Start"));
    m_ui->buttonBox->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    updateState();
}

void JobLauncherDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange && m_ui)
        retranslate();
    QDialog::changeEvent(event);
}

void JobLauncherDialog::fillPools()
{
    m_ui->poolCombo->clear();
    m_ui->poolCombo->addItem(tr("New pool"), 0);
    for (int id : m_hub->poolIds()) {
        const PoolState *pool = m_hub->pool(id);
        if (pool && pool->lifecycle() == PoolState::Lifecycle::Running && m_hub->takesWork(id))
            m_ui->poolCombo->addItem(pool->name(), id);
    }
}

void JobLauncherDialog::setCommandTemplate(const QString &text)
{
    m_ui->commandRadio->setChecked(true);
    m_ui->commandEdit->setText(text);
}

void JobLauncherDialog::setTask(const QString &name)
{
    m_ui->taskRadio->setChecked(true);
    m_ui->taskCombo->setCurrentIndex(m_ui->taskCombo->findData(name));
}

void JobLauncherDialog::setSource(Source source)
{
    m_ui->sourceCombo->setCurrentIndex(int(source));
}

void JobLauncherDialog::setFiles(const QStringList &paths)
{
    setSource(Source::Files);
    m_ui->fileList->clear();
    m_ui->fileList->addItems(paths);
}

void JobLauncherDialog::setLinesFile(const QString &path)
{
    setSource(Source::Lines);
    m_ui->linesFileEdit->setText(path);
}

void JobLauncherDialog::setRange(int from, int to, int step)
{
    setSource(Source::Range);
    m_ui->fromSpin->setValue(from);
    m_ui->toSpin->setValue(to);
    m_ui->stepSpin->setValue(step);
}

void JobLauncherDialog::setTypedInputs(const QStringList &inputs)
{
    setSource(Source::Typed);
    m_ui->typedEdit->setPlainText(inputs.join(QLatin1Char('\n')));
}

void JobLauncherDialog::restoreLast()
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("launcher"));
    if (!settings.contains(QStringLiteral("template")))
        return; // first time: the example above
    m_ui->commandEdit->setText(settings.value(QStringLiteral("template")).toString());
    const QString task = settings.value(QStringLiteral("task")).toString();
    if (m_ui->taskCombo->findData(task) >= 0)
        m_ui->taskCombo->setCurrentIndex(m_ui->taskCombo->findData(task));
    if (settings.value(QStringLiteral("kind")).toString() == QLatin1String("task"))
        m_ui->taskRadio->setChecked(true);
    else
        m_ui->commandRadio->setChecked(true);
    const int source = settings.value(QStringLiteral("source"), int(Source::Range)).toInt();
    m_ui->sourceCombo->setCurrentIndex(std::clamp(source, 0, int(Source::Typed)));
    m_ui->linesFileEdit->setText(settings.value(QStringLiteral("linesFile")).toString());
    m_ui->fromSpin->setValue(settings.value(QStringLiteral("from"), m_ui->fromSpin->value()).toInt());
    m_ui->toSpin->setValue(settings.value(QStringLiteral("to"), m_ui->toSpin->value()).toInt());
    m_ui->stepSpin->setValue(settings.value(QStringLiteral("step"), m_ui->stepSpin->value()).toInt());
    m_ui->typedEdit->setPlainText(settings.value(QStringLiteral("typed")).toString());
    if (settings.value(QStringLiteral("onSlurm")).toBool())
        m_target->setTarget(LaunchTarget::slurm(settings.value(QStringLiteral("partition")).toString()));
}

void JobLauncherDialog::rememberLast() const
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("launcher"));
    settings.setValue(QStringLiteral("template"), m_ui->commandEdit->text());
    settings.setValue(QStringLiteral("kind"), m_ui->taskRadio->isChecked() ? QStringLiteral("task") : QStringLiteral("command"));
    settings.setValue(QStringLiteral("task"), m_ui->taskCombo->currentData().toString());
    settings.setValue(QStringLiteral("source"), m_ui->sourceCombo->currentIndex());
    settings.setValue(QStringLiteral("linesFile"), m_ui->linesFileEdit->text());
    settings.setValue(QStringLiteral("from"), m_ui->fromSpin->value());
    settings.setValue(QStringLiteral("to"), m_ui->toSpin->value());
    settings.setValue(QStringLiteral("step"), m_ui->stepSpin->value());
    settings.setValue(QStringLiteral("typed"), m_ui->typedEdit->toPlainText());
    settings.setValue(QStringLiteral("onSlurm"), m_target->target().isSlurm());
    settings.setValue(QStringLiteral("partition"), m_target->target().partition);
}

void JobLauncherDialog::setParallelism(int processes)
{
    m_ui->parallelismSpin->setValue(processes);
}

void JobLauncherDialog::setTimeoutSeconds(double seconds)
{
    m_ui->timeoutSpin->setValue(seconds);
}

void JobLauncherDialog::setRetries(int retries)
{
    m_ui->retriesSpin->setValue(retries);
}

void JobLauncherDialog::setTarget(const LaunchTarget &target)
{
    m_target->setTarget(target);
}

LaunchTarget JobLauncherDialog::target() const
{
    return m_target->target();
}

void JobLauncherDialog::setTargetPool(int poolId)
{
    setTarget(LaunchTarget::Kind::Studio);
    fillPools();
    const int index = m_ui->poolCombo->findData(poolId);
    m_ui->poolCombo->setCurrentIndex(index < 0 ? 0 : index);
}

void JobLauncherDialog::setPoolName(const QString &name)
{
    m_ui->poolNameEdit->setText(name);
}

void JobLauncherDialog::addFiles()
{
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Choose the input files"));
    m_ui->fileList->addItems(files);
}

void JobLauncherDialog::browseLinesFile()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("Choose a text file with one input per line"));
    if (!file.isEmpty())
        m_ui->linesFileEdit->setText(file);
}

std::optional<QStringList> JobLauncherDialog::inputs(QString *error) const
{
    switch (Source(m_ui->sourceCombo->currentIndex())) {
    case Source::Files: {
        QStringList files;
        for (int i = 0; i < m_ui->fileList->count(); ++i)
            files.append(m_ui->fileList->item(i)->text());
        if (files.isEmpty()) {
            if (error)
                *error = tr("Add at least one input file");
            return std::nullopt;
        }
        return files;
    }
    case Source::Lines: {
        const QString path = m_ui->linesFileEdit->text().trimmed();
        if (path.isEmpty()) {
            if (error)
                *error = tr("Choose the text file whose lines are the inputs");
            return std::nullopt;
        }
        std::optional<QStringList> lines = LauncherInputs::linesOf(path, error);
        if (lines && lines->isEmpty()) {
            if (error)
                *error = tr("The file %1 has no lines to use as inputs").arg(path);
            return std::nullopt;
        }
        return lines;
    }
    case Source::Range:
        return LauncherInputs::range(m_ui->fromSpin->value(), m_ui->toSpin->value(), m_ui->stepSpin->value(), error);
    case Source::Typed: {
        QStringList typed;
        for (const QString &line : m_ui->typedEdit->toPlainText().split(QLatin1Char('\n'))) {
            if (!line.trimmed().isEmpty())
                typed.append(line);
        }
        if (typed.isEmpty()) {
            if (error)
                *error = tr("Type the inputs, one per line");
            return std::nullopt;
        }
        return typed;
    }
    }
    return std::nullopt;
}

std::optional<BatchSpec> JobLauncherDialog::spec(QString *error) const
{
    BatchSpec spec;
    const std::optional<QStringList> in = inputs(error);
    if (!in)
        return std::nullopt;
    if (m_ui->commandRadio->isChecked()) {
        // The template as qmp run reads it: the same placeholders, quoting and /bin/sh rule.
        const QString text = m_ui->commandEdit->text();
        try {
            if (CommandTemplate(text, 1).usesSlot()) {
                if (error)
                    *error = tr("{%} (the job slot) is only known when a job starts, and the launcher expands the "
                                "batch before it runs: use {#} (the job number), or qmp run");
                return std::nullopt;
            }
            spec = BatchSpec::fromTemplate(text, *in);
        } catch (const Error &e) {
            if (error)
                *error = tr("The command template cannot be used: %1").arg(e.message());
            return std::nullopt;
        }
    } else {
        spec.kind = BatchSpec::Kind::Task;
        spec.task = m_ui->taskCombo->currentData().toString();
        spec.title = spec.task;
        spec.inputs = *in;
        if (DemoTasks::inputOf(spec.task) == DemoTasks::Input::Number) {
            for (const QString &input : *in) {
                bool ok = false;
                input.trimmed().toLongLong(&ok);
                if (!ok) {
                    if (error)
                        *error = tr("%1 takes a whole number, but one input is '%2'").arg(spec.task, input);
                    return std::nullopt;
                }
            }
        }
    }
    spec.target = target();
    if (spec.target == LaunchTarget::Kind::Service) {
        if (spec.kind == BatchSpec::Kind::Task) {
            if (error)
                *error = tr("Demo tasks run in the studio's own pools; the QMP service runs commands. Choose “%1” to run them.")
                             .arg(LaunchTarget::label(LaunchTarget::Kind::Studio));
            return std::nullopt;
        }
        spec.poolName = m_ui->poolNameEdit->text().trimmed();
        if (spec.poolName.isEmpty()) {
            if (error)
                *error = tr("Give the service's group a name");
            return std::nullopt;
        }
        spec.processes = m_ui->parallelismSpin->value();
        return spec;
    }
    // An existing pool runs where it runs: it is chosen with the studio as target.
    spec.poolId = spec.target == LaunchTarget::Kind::Studio ? m_ui->poolCombo->currentData().toInt() : 0;
    spec.poolName = m_ui->poolNameEdit->text().trimmed();
    if (spec.poolId == 0 && spec.poolName.isEmpty()) {
        if (error)
            *error = tr("Give the new pool a name");
        return std::nullopt;
    }
    spec.processes = m_ui->parallelismSpin->value();
    spec.timeout = std::chrono::milliseconds(qRound64(m_ui->timeoutSpin->value() * 1000));
    spec.retries = m_ui->retriesSpin->value();
    return spec;
}

void JobLauncherDialog::updateState()
{
    const bool commands = m_ui->commandRadio->isChecked();
    m_ui->commandEdit->setEnabled(commands);
    m_ui->taskCombo->setEnabled(!commands);
    m_ui->taskDescription->setText(DemoTasks::describe(m_ui->taskCombo->currentData().toString()));
    const LaunchTarget where = target();
    const bool service = where == LaunchTarget::Kind::Service;
    const bool inStudio = where == LaunchTarget::Kind::Studio;
    const bool newPool = !inStudio || m_ui->poolCombo->currentData().toInt() == 0;
    m_ui->poolCombo->setEnabled(inStudio);
    m_ui->poolNameLabel->setText(service ? tr("Service &group") : tr("New pool's &name"));
    m_ui->poolNameEdit->setEnabled(newPool);
    m_ui->parallelismSpin->setEnabled(newPool);
    // A task's timeout and retries are its pool's options; an existing pool keeps its own.
    const bool perJobOptions = !service && (commands || newPool);
    m_ui->timeoutSpin->setEnabled(perJobOptions);
    m_ui->retriesSpin->setEnabled(perJobOptions);
    if (service)
        m_ui->optionsHint->setText(tr("The service runs at most this many at once, each once, with no timeout."));
    else if (!newPool)
        m_ui->optionsHint->setText(commands ? tr("The batch runs with the existing pool's workers; timeout and retries apply to each command.")
                                            : tr("Tasks run with the existing pool's workers, timeout and retries."));
    else if (where.isSlurm())
        m_ui->optionsHint->setText(commands ? tr("Slurm allocates this many CPUs, a worker on each (a step of that allocation); "
                                                 "each command runs on a free worker, as qmp run --slurm runs it; timeout "
                                                 "and retries apply to each command.")
                                            : tr("Slurm allocates this many CPUs; each worker runs as a step of that "
                                                 "allocation and connects back to the studio."));
    else
        m_ui->optionsHint->setText(commands ? tr("Commands run at most this many at once.")
                                            : tr("The new pool starts this many worker processes."));

    QString error;
    const std::optional<BatchSpec> batch = spec(&error);
    QStringList lines;
    qsizetype total = 0;
    if (batch) {
        if (batch->kind == BatchSpec::Kind::Commands) {
            total = batch->commands.size();
            for (qsizetype i = 0; i < qMin<qsizetype>(total, kPreviewLines); ++i)
                lines.append(batch->lines.at(i)); // what runs: its words, or the line /bin/sh -c runs
        } else {
            total = batch->inputs.size();
            for (qsizetype i = 0; i < qMin<qsizetype>(total, kPreviewLines); ++i)
                lines.append(QStringLiteral("%1(%2)").arg(batch->task, batch->inputs.at(i)));
        }
    }
    m_ui->previewEdit->setPlainText(lines.join(QLatin1Char('\n')));
    QString count;
    if (batch && batch->kind == BatchSpec::Kind::Commands)
        count = batch->shell ? tr("%n job(s) in this batch, each run by /bin/sh -c", nullptr, int(total))
                             : tr("%n job(s) in this batch, each run directly (no shell)", nullptr, int(total));
    else if (batch)
        count = tr("%n job(s) in this batch", nullptr, int(total));
    m_ui->previewCountLabel->setText(count);
    m_ui->errorLabel->setText(error);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(batch.has_value());
}

QString JobLauncherDialog::previewText() const
{
    return m_ui->previewEdit->toPlainText();
}

QString JobLauncherDialog::errorText() const
{
    return m_ui->errorLabel->text();
}

void JobLauncherDialog::accept()
{
    QString error;
    if (!spec(&error)) {
        m_ui->errorLabel->setText(error);
        return;
    }
    rememberLast(); // the next launch starts from this one
    QDialog::accept();
}

} // namespace qmp
