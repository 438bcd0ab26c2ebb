// Seed 001, section 管道Pipe: a duplex exchange between the parent and one child.
//
//     from multiprocessing import Process, Pipe
//     def fun1(conn):
//         print('子进程发送消息：')
//         conn.send('你好主进程')
//         print('子进程接受消息：')
//         print(conn.recv())
//         conn.close()
//     if __name__ == '__main__':
//         conn1, conn2 = Pipe() #关键点，pipe实例化生成一个双向管
//         p = Process(target=fun1, args=(conn2,)) #conn2传给子进程
//         p.start()
//         print('主进程接受消息：')
//         print(conn1.recv())
//         print('主进程发送消息：')
//         conn1.send("你好子进程")
//         p.join()
//         print('结束测试')

#include "pipe.h"
#include "process.h"
#include "runtime.h"
#include "taskregistry.h"

#include <QCoreApplication>

#include <cstdio>

static void say(const QString &line)
{
    std::printf("%s\n", line.toUtf8().constData());
    std::fflush(stdout);
}

void fun1(qmp::Connection conn)
{
    say(QStringLiteral("子进程发送消息："));
    conn.send(QStringLiteral("你好主进程"));
    say(QStringLiteral("子进程接受消息："));
    say(conn.recv().toString());
    conn.close();
}
QMP_TASK(fun1);

int main(int argc, char *argv[])
{
    qmp::Runtime runtime(argc, argv);
    QCoreApplication app(argc, argv);
    auto [conn1, conn2] = qmp::Pipe(); // 关键点，pipe实例化生成一个双向管
    qmp::Process p(&fun1, conn2);      // conn2传给子进程
    p.start();
    say(QStringLiteral("主进程接受消息："));
    say(conn1.recv().toString());
    say(QStringLiteral("主进程发送消息："));
    conn1.send(QStringLiteral("你好子进程"));
    p.join();
    say(QStringLiteral("结束测试"));
    return 0;
}
