// Seed 002, section 验证进程间通信 – Event (joo_a waits for joo_b's event):
//
//     def joo_a(q, ev):
//         print("subprocess joo_a start")
//         if not ev.is_set():
//             ev.wait()
//         q.put(random.randint(1, 100))
//         print("subprocess joo_a ended")
//     def joo_b(q, ev):
//         print("subprocess joo_b start")
//         ev.clear()
//         time.sleep(2)
//         q.put(random.randint(200, 300))
//         ev.set()
//         print("subprocess joo_b ended")
//     def main_event():
//         qu = multiprocessing.Queue()
//         ev = multiprocessing.Event()
//         sub_a = multiprocessing.Process(target=joo_a, args=(qu, ev))
//         sub_b = multiprocessing.Process(target=joo_b, args=(qu, ev,))
//         sub_a.start(); sub_b.start()
//         sub_a.join(); sub_b.join()
//         while not qu.empty():
//             print(qu.get())
//
// The random numbers are fixed here (42 and 256) so the output can be checked; joo_b's always
// comes first because joo_a waits for the event that joo_b sets after its put.

#include "event.h"
#include "process.h"
#include "queue.h"
#include "runtime.h"
#include "taskregistry.h"

#include <QCoreApplication>
#include <QThread>

#include <cstdio>

static void say(const char *line)
{
    std::printf("%s\n", line);
    std::fflush(stdout);
}

void joo_a(qmp::Queue q, qmp::Event ev)
{
    say("subprocess joo_a start");
    if (!ev.isSet())
        ev.wait();
    q.put(42);
    say("subprocess joo_a ended");
}
QMP_TASK(joo_a);

void joo_b(qmp::Queue q, qmp::Event ev)
{
    say("subprocess joo_b start");
    ev.clear();
    QThread::sleep(2); // time.sleep(2)
    q.put(256);
    ev.set();
    say("subprocess joo_b ended");
}
QMP_TASK(joo_b);

int main(int argc, char *argv[])
{
    qmp::Runtime runtime(argc, argv);
    QCoreApplication app(argc, argv);
    qmp::Queue qu;
    qmp::Event ev;
    qmp::Process subA(&joo_a, qu, ev);
    qmp::Process subB(&joo_b, qu, ev);
    subA.start();
    subB.start();
    subA.join();
    subB.join();
    while (!qu.empty())
        std::printf("%lld\n", qlonglong(qu.get().toInteger()));
    return 0;
}
