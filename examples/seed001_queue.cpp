// Seed 001, section 进程对列Queue: three children put a message each; the parent reads them.
//
//     from multiprocessing import Process,Queue
//     def fun1(q,i):
//         print('子进程%s 开始put数据' %i)
//         q.put('我是%s 通过Queue通信' %i)
//     if __name__ == '__main__':
//         q = Queue()
//         process_list = []
//         for i in range(3):
//             p = Process(target=fun1,args=(q,i,))
//             p.start()
//             process_list.append(p)
//         for i in process_list:
//             p.join()
//         print('主进程获取Queue数据')
//         print(q.get())
//         print(q.get())
//         print(q.get())
//         print('结束测试')

#include "process.h"
#include "queue.h"
#include "runtime.h"
#include "taskregistry.h"

#include <QCoreApplication>

#include <cstdio>
#include <memory>
#include <vector>

static void say(const QString &line)
{
    std::printf("%s\n", line.toUtf8().constData());
    std::fflush(stdout);
}

void fun1(qmp::Queue q, int i)
{
    say(QStringLiteral("子进程%1 开始put数据").arg(i));
    q.put(QStringLiteral("我是%1 通过Queue通信").arg(i));
}
QMP_TASK(fun1);

int main(int argc, char *argv[])
{
    qmp::Runtime runtime(argc, argv);
    QCoreApplication app(argc, argv);
    qmp::Queue q;
    std::vector<std::unique_ptr<qmp::Process>> processList;
    for (int i = 0; i < 3; ++i) {
        processList.push_back(std::make_unique<qmp::Process>(&fun1, q, i)); // 把q对象传给子进程
        processList.back()->start();
    }
    for (auto &p : processList)
        p->join();
    say(QStringLiteral("主进程获取Queue数据"));
    say(q.get().toString());
    say(q.get().toString());
    say(q.get().toString());
    say(QStringLiteral("结束测试"));
    return 0;
}
