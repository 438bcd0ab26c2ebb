// Seed 001 ("multiprocessing", 2021-08-20), section 多进程的实现方法, 2. 方法二:
//
//     from multiprocessing import  Process
//
//     class MyProcess(Process): #继承Process类
//         def __init__(self,name):
//             super(MyProcess,self).__init__()
//             self.name = name
//
//         def run(self):
//             print('测试%s多进程' % self.name)
//
//
//     if __name__ == '__main__':
//         process_list = []
//         for i in range(5):  #开启5个子进程执行fun1函数
//             p = MyProcess('Python') #实例化进程对象
//             p.start()
//             process_list.append(p)
//
//         for i in process_list:
//             p.join()
//
//         print('结束测试')
//
// The child is this binary re-executed, so it re-creates MyProcess itself: QMP_PROCESS registers
// the class, the child builds it with the default constructor, gives it the parent's name (and
// daemon flag), then calls run(). As in seed001_process_function.cpp, every process is joined
// (the seed's loop joins only the last one, p, five times).

#include "process.h"
#include "processclassregistry.h"
#include "runtime.h"

#include <QCoreApplication>
#include <QString>

#include <cstdio>
#include <memory>
#include <vector>

class MyProcess : public qmp::Process // 继承Process类
{
public:
    MyProcess() = default; // for QMP_PROCESS: the child creates it this way, then restores the name
    explicit MyProcess(const QString &name)
    {
        setName(name);
    }

    void run() override
    {
        std::printf("测试%s多进程\n", name().toUtf8().constData());
        std::fflush(stdout); // our stdout is the parent's (maybe a pipe): send the line now, whole
    }
};
QMP_PROCESS(MyProcess);

int main(int argc, char *argv[])
{
    qmp::Runtime runtime(argc, argv); // in a child: re-creates MyProcess, runs run() and exits here
    QCoreApplication app(argc, argv);

    std::vector<std::unique_ptr<MyProcess>> process_list; // a QObject cannot be copied or moved
    for (int i = 0; i < 5; ++i) { // 开启5个子进程执行fun1函数
        auto p = std::make_unique<MyProcess>(QStringLiteral("Python")); // 实例化进程对象
        p->start();
        process_list.push_back(std::move(p));
    }

    for (const auto &i : process_list)
        i->join();

    std::printf("结束测试\n");
    return 0;
}
