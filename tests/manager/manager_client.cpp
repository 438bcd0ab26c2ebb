// qmp_manager_client — a client in another program, for tst_remotemanager:
//   qmp_manager_client ADDRESS KEYHEX set NAME KEY VALUE   (dict published as NAME: d[KEY] = VALUE)
//   qmp_manager_client ADDRESS KEYHEX get NAME KEY         (prints d[KEY])
// Exit codes: 0 done, 2 usage, 3 AuthenticationError, 4 BrokenPipeError, 5 any other error.

#include "manager.h"

#include <cstdio>

int main(int argc, char *argv[])
{
    if (argc < 6) {
        std::fprintf(stderr, "usage: %s ADDRESS KEYHEX set|get NAME KEY [VALUE]\n", argv[0]);
        return 2;
    }
    const QString address = QString::fromLocal8Bit(argv[1]);
    const QByteArray key = QByteArray::fromHex(argv[2]);
    const QByteArray command = argv[3];
    const QString name = QString::fromLocal8Bit(argv[4]);
    const QString dictKey = QString::fromLocal8Bit(argv[5]);
    try {
        qmp::Manager client = qmp::Manager::connect(address, key);
        qmp::DictProxy d = client.lookup<qmp::DictProxy>(name);
        if (command == "set" && argc == 7) {
            d.set(dictKey, QString::fromLocal8Bit(argv[6]));
        } else if (command == "get") {
            std::printf("%s\n", qPrintable(d.at(dictKey).toString()));
        } else {
            std::fprintf(stderr, "unknown command %s\n", command.constData());
            return 2;
        }
    } catch (const qmp::AuthenticationError &e) {
        std::fprintf(stderr, "AuthenticationError: %s\n", e.what());
        return 3;
    } catch (const qmp::BrokenPipeError &e) {
        std::fprintf(stderr, "BrokenPipeError: %s\n", e.what());
        return 4;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 5;
    }
    return 0;
}
