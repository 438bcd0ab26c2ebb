#include "taskstate.h"

namespace qmp {

QString TaskState::outputText(int channel) const
{
    QString text;
    for (const Output &piece : output) {
        if (channel == 0 || piece.channel == channel)
            text += piece.text;
    }
    return text;
}

qsizetype TaskState::outputSize() const
{
    qsizetype size = 0;
    for (const Output &piece : output)
        size += piece.text.size();
    return size;
}

void TaskState::appendOutput(int channel, const QString &text)
{
    if (text.isEmpty())
        return;
    outputWritten += text.size();
    const QByteArray bytes = text.toUtf8();
    QByteArray &tail = channel == 2 ? stderrTail : stdoutTail;
    (channel == 2 ? stderrBytes : stdoutBytes) += bytes.size();
    tail += bytes;
    if (tail.size() > tailBytes)
        tail = tail.right(tailBytes);
    if (!output.isEmpty() && output.last().channel == channel)
        output.last().text += text;
    else
        output.append({channel, text});
    qsizetype excess = outputSize() - outputLimit;
    while (excess > 0 && !output.isEmpty()) {
        Output &first = output.first();
        if (first.text.size() <= excess) {
            excess -= first.text.size();
            output.removeFirst();
        } else {
            first.text.remove(0, excess);
            excess = 0;
        }
    }
}

void TaskState::restartStreams()
{
    stdoutTail.clear();
    stderrTail.clear();
    stdoutBytes = 0;
    stderrBytes = 0;
}

TaskState::State TaskState::endStateOf(PoolEvent::Reason reason)
{
    using R = PoolEvent::Reason;
    switch (reason) {
    case R::Cancelled:
    case R::CancelledQueued:
    case R::PoolTerminated:
    case R::BatchFailed:
    case R::ResultCanceled:
        return State::Cancelled;
    case R::TimedOut:
        return State::TimedOut;
    case R::ProgramExited:
    case R::PoolGone:
        return State::Lost;
    case R::None:
    case R::Error:
    case R::ChunkErrors:
    case R::WorkerDied:
    case R::CommandFailed:
    case R::WorkerTerminated:
    case R::CannotStart:
    case R::PoolBroken:
        break;
    }
    return State::Failed;
}

} // namespace qmp
