// Seed 003, section 进程间通信: download_from_web puts four numbers into a Queue(3), analysis_data
// reads them.
//
//     def download_from_web(q):
//         data = [11, 22, 33, 44]
//         for temp in data:
//             q.put(temp)
//         print("download: 下载完成并存入队列")
//     def analysis_data(q):
//         data = list()
//         while True:
//             data.append(q.get())
//             if q.empty():
//                 break
//         print("analysis:", data)
//     def main():
//         q = p.Queue(3)
//         p1 = p.Process(target=download_from_web, args=(q, ))
//         p2 = p.Process(target=analysis_data, args=(q, ))
//         p1.start()
//         p2.start()
//
// The seed's analysis stops at the first moment the queue is empty, which races with the
// download (it can print [11, 22, 33]). Here it reads until no item comes for one second
// (get with a timeout and queue.Empty), so the output is the seed's every time; main joins both.

#include "ipcerrors.h"
#include "process.h"
#include "queue.h"
#include "runtime.h"
#include "taskregistry.h"

#include <QCoreApplication>
#include <QStringList>

#include <cstdio>

void download_from_web(qmp::Queue q)
{
    for (int temp : {11, 22, 33, 44}) // 模拟从网上下载的数据
        q.put(temp);                   // 向队列中写入数据
    std::printf("download: 下载完成并存入队列\n");
    std::fflush(stdout);
}
QMP_TASK(download_from_web);

void analysis_data(qmp::Queue q)
{
    QStringList data;
    for (;;) {
        try {
            data.append(QString::number(q.get(true, 1000).toInteger()));
        } catch (const qmp::Empty &) {
            break;
        }
    }
    std::printf("analysis: [%s]\n", qPrintable(data.join(QStringLiteral(", "))));
    std::fflush(stdout);
}
QMP_TASK(analysis_data);

int main(int argc, char *argv[])
{
    qmp::Runtime runtime(argc, argv);
    QCoreApplication app(argc, argv);
    qmp::Queue q(3); // 1.创建一个队列
    qmp::Process p1(&download_from_web, q);
    qmp::Process p2(&analysis_data, q);
    p1.start();
    p2.start();
    p1.join();
    p2.join();
    return 0;
}
