#include "slurmstepsignals.h"

#include <QProcess>

#include <csignal>

namespace qmp {

namespace {
// The signal that undoes sig (SIGSTOP and SIGCONT), or 0.
int opposite(int sig)
{
    return sig == SIGSTOP ? SIGCONT : sig == SIGCONT ? SIGSTOP : 0;
}
} // namespace

SlurmStepSignals::SlurmStepSignals(QString step, QObject *parent) : QObject(parent), m_step(std::move(step)) {}

SlurmStepSignals::~SlurmStepSignals()
{
    if (m_running) {
        m_running->disconnect(this);
        if (!m_running->waitForFinished(2000))
            m_running->kill();
        m_running->waitForFinished(1000);
    }
}

void SlurmStepSignals::send(int sig)
{
    if (!m_waiting.empty() && opposite(sig) != 0 && m_waiting.back() == opposite(sig)) {
        m_waiting.pop_back(); // neither has reached the step yet: together they do nothing
        return;
    }
    m_waiting.push_back(sig);
    if (!m_running)
        startNext();
}

void SlurmStepSignals::startNext()
{
    if (m_waiting.empty())
        return;
    const int sig = m_waiting.front();
    m_waiting.pop_front();
    m_running = new QProcess(this);
    m_running->setStandardInputFile(QProcess::nullDevice());
    m_running->setStandardOutputFile(QProcess::nullDevice());
    m_running->setStandardErrorFile(QProcess::nullDevice());
    const auto done = [this] {
        m_running->deleteLater();
        m_running = nullptr;
        startNext();
    };
    connect(m_running, &QProcess::finished, this, done);
    connect(m_running, &QProcess::errorOccurred, this, [done](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) // scancel is missing: no finished() follows
            done();
    });
    m_running->start(QStringLiteral("scancel"), {QStringLiteral("--signal=%1").arg(sig), m_step});
}

} // namespace qmp
