#pragma once
// ResultPromise: internal to PoolBase::makeBatch.

#include <QFutureInterface>

namespace qmp::detail {

// The producing side of a batch's QFuture. QPromise without its one-result-at-a-time limit (Qt
// 6.4's has no addResults): a chunk's values go into the future as one store entry. Like
// QPromise, one dropped unfinished cancels its future, so nobody waits on it forever.
template <typename T>
class ResultPromise : public QFutureInterface<T>
{
public:
    ResultPromise() = default;
    ResultPromise(const ResultPromise &) = delete;
    ResultPromise &operator=(const ResultPromise &) = delete;
    ~ResultPromise()
    {
        if (!this->isFinished()) {
            this->cancelAndFinish();
            this->runContinuation();
        }
        this->cleanContinuation();
    }
};

} // namespace qmp::detail
