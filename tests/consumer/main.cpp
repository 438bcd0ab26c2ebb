// A user's program on an installed libqmp: a Pool maps a task over worker processes, and a
// Process puts what it computed into a Queue the parent reads. Exits 0 when every result is
// right, 1 (saying what was wrong) otherwise.

#include <qmp/pool.h>
#include <qmp/process.h>
#include <qmp/queue.h>
#include <qmp/runtime.h>
#include <qmp/taskregistry.h>

#include <QCborArray>
#include <QCoreApplication>

#include <cstdio>
#include <numeric>

int cube(int n)
{
    return n * n * n;
}
QMP_TASK(cube);

// Runs in a child process: puts the sum of cube(0..count-1) and the child's pid into the queue.
void sumCubes(qmp::Queue queue, int count)
{
    qint64 sum = 0;
    for (int i = 0; i < count; ++i)
        sum += cube(i);
    queue.put(QCborArray{sum, QCoreApplication::applicationPid()});
}
QMP_TASK(sumCubes);

static int fail(const QString &what)
{
    std::fprintf(stderr, "qmp_consumer: %s\n", qPrintable(what));
    return 1;
}

int main(int argc, char *argv[])
{
    qmp::Runtime runtime(argc, argv); // in a worker: runs its calls and exits here
    QCoreApplication app(argc, argv);

    QList<int> inputs(20);
    std::iota(inputs.begin(), inputs.end(), 0);
    QList<int> cubes;
    {
        qmp::Pool pool(2);
        cubes = pool.map(&cube, inputs);
    }
    for (int i = 0; i < inputs.size(); ++i) {
        if (i >= cubes.size() || cubes[i] != i * i * i)
            return fail(QStringLiteral("Pool::map: cube(%1) came back as %2")
                            .arg(i)
                            .arg(i < cubes.size() ? QString::number(cubes[i]) : QStringLiteral("nothing")));
    }

    qmp::Queue queue;
    qmp::Process child(&sumCubes, queue, 20);
    child.start();
    child.join();
    if (child.exitCode() != 0)
        return fail(QStringLiteral("the child process exited with %1").arg(child.exitCode().value_or(-999)));
    if (queue.empty())
        return fail(QStringLiteral("Queue: the child exited without putting its result"));
    const QCborArray reply = queue.get().toArray();
    const qint64 expected = std::accumulate(cubes.begin(), cubes.end(), qint64(0));
    if (reply.size() != 2 || reply[0].toInteger() != expected)
        return fail(QStringLiteral("Queue: expected [%1, <the child's pid>], got %2")
                        .arg(expected)
                        .arg(QString::fromUtf8(QCborValue(reply).toDiagnosticNotation().toUtf8())));
    if (reply[1].toInteger() == QCoreApplication::applicationPid())
        return fail(QStringLiteral("Queue: the item came from this process, not from the child"));

    std::printf("qmp_consumer: Pool::map and a Queue between two processes work (sum of cubes %lld)\n",
                static_cast<long long>(expected));
    return 0;
}
