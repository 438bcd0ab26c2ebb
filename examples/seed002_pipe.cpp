// Seed 002, section 1) 管道 Pipe 通信方式:
//
//     from multiprocessing import Process, Pipe
//     def myfunction(conn):
//         conn.send(['hi!! I am Python'])
//         conn.close()
//     if __name__ == '__main__':
//         parent_conn, child_conn = Pipe()
//         p = Process(target=myfunction, args=(child_conn,))
//         p.start()
//         print (parent_conn.recv() )
//         p.join()

#include "pipe.h"
#include "process.h"
#include "runtime.h"
#include "taskregistry.h"

#include <QCoreApplication>
#include <QStringList>

#include <cstdio>

void myfunction(qmp::Connection conn)
{
    conn.send(QStringList{QStringLiteral("hi!! I am Python")});
    conn.close();
}
QMP_TASK(myfunction);

int main(int argc, char *argv[])
{
    qmp::Runtime runtime(argc, argv);
    QCoreApplication app(argc, argv);
    auto [parentConn, childConn] = qmp::Pipe();
    qmp::Process p(&myfunction, childConn);
    p.start();
    const QStringList message = parentConn.recvAs<QStringList>();
    std::printf("['%s']\n", message.join(QStringLiteral("', '")).toUtf8().constData()); // Python's list repr
    p.join();
    return 0;
}
