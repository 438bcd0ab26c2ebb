// Seed 000 ("multiprocessing" overview), section (五)使用Multiprocessing疑问, the question
// 子进程能结束其他子进程或父进程吗?如果能,怎么通过子进程去结束所有进程?
//
// The seed answers it in words and without code: all the children work on one job; as soon as
// one of them is done, the parent ends all of them — 获取每个子进程的返回值,一旦有返回True
// (结束的标记),则立马结束所有进程 (recommended over polling a shared resource). In Python:
//
//     from multiprocessing import Pool
//     import time
//
//     def check(n):
//         time.sleep(30 if n % 3 == 0 else 0.05)  # some candidates take long to check
//         return n, n * n == 49
//
//     if __name__ == '__main__':
//         pool = Pool(4)
//         for n, found in pool.imap_unordered(check, range(1, 13)):
//             if found:                 # the first True
//                 print('找到了:', n)
//                 pool.terminate()      # 立马结束所有进程
//                 break
//         pool.join()
//
// The QMP answer is the same shape:
// - imapUnordered(), not imap(): results come back in the order they finish, so a True is
//   seen at once even while earlier candidates (3, 6) are still being checked; imap would wait
//   for them, in input order.
// - pool.terminate() kills every worker now, including the ones in the middle of a 30 s check,
//   and fails every unfinished result with ProcessError (nothing is left pending); join() then
//   returns once they have all exited. Without terminate(), ~Pool would do the same at the end
//   of the scope, like `with Pool() as pool:`.
// - The children never kill each other: the parent decides, from their return values.
// The result carries the candidate with its verdict, like the Python tuple (n, found).
// Caveat (QMP today): a pool that has just run many very short tasks sends each worker several
// tasks ahead, so a True can wait behind a slow candidate on the same worker while another
// worker idles; here the pool is fresh and every task is sent on its own.

#include "pool.h"
#include "runtime.h"
#include "taskregistry.h"

#include <QCborMap>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>

#include <cstdio>
#include <numeric>

struct Verdict
{
    int n = 0;
    bool found = false;
};

// How a Verdict travels between processes (README: "For your own types, specialise CborConvert").
template <>
struct qmp::CborConvert<Verdict>
{
    static QCborValue toCbor(const Verdict &v)
    {
        return QCborMap{{QStringLiteral("n"), v.n}, {QStringLiteral("found"), v.found}};
    }
    static Verdict fromCbor(const QCborValue &v)
    {
        return {int(v[QStringLiteral("n")].toInteger()), v[QStringLiteral("found")].toBool()};
    }
};

Verdict check(int n)
{
    QThread::msleep(n % 3 == 0 ? 30000 : 50); // some candidates take long to check
    return {n, n * n == 49};
}
QMP_TASK(check);

int main(int argc, char *argv[])
{
    qmp::Runtime runtime(argc, argv); // in a pool worker: serves check calls and exits here
    QCoreApplication app(argc, argv);

    QElapsedTimer clock;
    clock.start();
    QList<int> candidates(12); // range(1, 13)
    std::iota(candidates.begin(), candidates.end(), 1);

    qmp::Pool pool(4);
    for (const Verdict &v : pool.imapUnordered(&check, candidates)) {
        if (v.found) { // the first True
            std::printf("找到了: %d\n", v.n);
            pool.terminate(); // 立马结束所有进程
            break;
        }
    }
    pool.join();

    // Not in the Python: show that nobody waited for the 30 s checks of 3, 6, 9 and 12.
    std::printf("所有子进程已结束, 没有等待其余的候选: %s\n", clock.elapsed() < 20000 ? "True" : "False");
    return 0;
}
