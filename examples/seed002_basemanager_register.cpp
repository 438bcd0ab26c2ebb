// Seed 002, 4) 向管理器注册自定义类型: BaseManager.register('Maths', MathsClass).
//
//     from multiprocessing.managers import BaseManager
//     class MathsClass:
//         def add(self, x, y):
//             return x + y
//         def mul(self, x, y):
//             return x * y
//     class MyManager(BaseManager):
//         pass
//     MyManager.register('Maths', MathsClass)
//     if __name__ == '__main__':
//         with MyManager() as manager:
//             maths = manager.Maths()
//             print(maths.add(4, 3))         # prints 7
//             print(maths.mul(7, 8))         # prints 56
//
// The registration runs at static-initialisation time so the manager process (this program
// re-run) knows the type too. Only the methods named in expose() can be called.

#include "basemanager.h"
#include "managedtyperegistry.h"
#include "runtime.h"

#include <QCoreApplication>

#include <cstdio>

class MathsClass
{
public:
    int add(int x, int y) const { return x + y; }
    int mul(int x, int y) const { return x * y; }
};

static const bool mathsRegistered = qmp::registerManagedType<MathsClass>(QStringLiteral("Maths"))
                                        .expose(QStringLiteral("add"), &MathsClass::add)
                                        .expose(QStringLiteral("mul"), &MathsClass::mul);

int main(int argc, char *argv[])
{
    qmp::Runtime runtime(argc, argv);
    QCoreApplication app(argc, argv);
    Q_UNUSED(mathsRegistered);

    qmp::BaseManager manager; // with MyManager() as manager:
    manager.start();
    qmp::BaseProxy maths = manager.create(QStringLiteral("Maths"));
    std::printf("%d\n", maths.call<int>(QStringLiteral("add"), 4, 3)); // prints 7
    std::printf("%d\n", maths.call<int>(QStringLiteral("mul"), 7, 8)); // prints 56
    return 0;
}
