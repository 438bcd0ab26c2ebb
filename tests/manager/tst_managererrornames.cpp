// ManagerErrorNames: every listed exception type maps to its name and back to the same type
// (what the server names, the client raises again); anything else comes back as a RemoteError.

#include "errors.h"
#include "ipcerrors.h"
#include "managererrornames.h"
#include "managererrors.h"

#include <QTest>

#include <functional>
#include <typeindex>

using qmp::ManagerErrorNames;

namespace {

// Throws an exception of a type, and names the type (as ManagerErrorNames should).
struct Thrower
{
    QString name;
    std::function<void(const QString &)> raise;
};

template <typename E>
Thrower thrower(const char *name)
{
    return {QLatin1String(name), [](const QString &message) { throw E(message); }};
}

// Every exception type the manager's objects throw as themselves, one per name.
QList<Thrower> listedTypes()
{
    return {thrower<qmp::KeyError>("KeyError"),
            thrower<qmp::IndexError>("IndexError"),
            thrower<qmp::AttributeError>("AttributeError"),
            thrower<qmp::TimeoutError>("TimeoutError"),
            thrower<qmp::ValueError>("ValueError"),
            thrower<qmp::TypeError>("TypeError"),
            thrower<qmp::Empty>("Empty"),
            thrower<qmp::Full>("Full"),
            thrower<qmp::BrokenBarrierError>("BrokenBarrierError"),
            thrower<qmp::AssertionError>("AssertionError"),
            thrower<qmp::FileNotFoundError>("FileNotFoundError"),
            thrower<qmp::FileExistsError>("FileExistsError"),
            thrower<qmp::OSError>("OSError")};
}

std::type_index typeOfThrown(const std::function<void()> &f)
{
    try {
        f();
    } catch (const std::exception &e) {
        return typeid(e);
    }
    return typeid(void);
}

} // namespace

class tst_ManagerErrorNames : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyTypeMapsBothWays_data();
    void everyTypeMapsBothWays();
    void theTableListsEachTypeOnce();
    void unlistedFailuresTravelAsRemoteErrors_data();
    void unlistedFailuresTravelAsRemoteErrors();
    void unknownNameRaisesRemoteError();
};

void tst_ManagerErrorNames::everyTypeMapsBothWays_data()
{
    QTest::addColumn<int>("which");
    const QList<Thrower> types = listedTypes();
    for (int i = 0; i < types.size(); ++i)
        QTest::newRow(qPrintable(types.at(i).name)) << i;
}

void tst_ManagerErrorNames::everyTypeMapsBothWays()
{
    QFETCH(int, which);
    const Thrower type = listedTypes().at(which);
    const QString message = QStringLiteral("the message of %1").arg(type.name);
    // type -> name (the server)
    QString name;
    try {
        type.raise(message);
    } catch (const std::exception &e) {
        name = ManagerErrorNames::nameOf(e);
    }
    QCOMPARE(name, type.name);
    // name -> the same type, with the message (the client)
    const std::type_index expected = typeOfThrown([&] { type.raise(message); });
    QCOMPARE(typeOfThrown([&] { ManagerErrorNames::raise(name, message, QStringLiteral("here")); }).name(),
             expected.name());
    try {
        ManagerErrorNames::raise(name, message, QStringLiteral("here"));
    } catch (const std::exception &e) {
        QCOMPARE(QString::fromUtf8(e.what()), message);
    }
}

void tst_ManagerErrorNames::theTableListsEachTypeOnce()
{
    QStringList expected;
    for (const Thrower &type : listedTypes())
        expected.append(type.name);
    QStringList names = ManagerErrorNames::names();
    QCOMPARE(names, expected); // same names, derived types before their bases (the order tried)
    names.removeDuplicates();
    QCOMPARE(names.size(), expected.size());
}

void tst_ManagerErrorNames::unlistedFailuresTravelAsRemoteErrors_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("remoteType");
    QTest::newRow("RemoteError keeps its type") << 0 << QStringLiteral("RemoteError:ZeroDivisionError")
                                                << QStringLiteral("ZeroDivisionError");
    QTest::newRow("another qmp::Error") << 1 << QStringLiteral("RemoteError:Error") << QStringLiteral("Error");
    QTest::newRow("a std::exception") << 2 << QStringLiteral("RemoteError:std::exception")
                                      << QStringLiteral("std::exception");
    QTest::newRow("BrokenPipeError travels as its base") << 3 << QStringLiteral("OSError") << QString();
}

void tst_ManagerErrorNames::unlistedFailuresTravelAsRemoteErrors()
{
    QFETCH(int, kind);
    QFETCH(QString, name);
    QFETCH(QString, remoteType);
    QString got;
    try {
        switch (kind) {
        case 0:
            throw qmp::RemoteError(QStringLiteral("ZeroDivisionError"), QStringLiteral("division by zero"), QString());
        case 1:
            throw qmp::ProcessError(QStringLiteral("a process error"));
        case 2:
            throw std::runtime_error("plain");
        default:
            throw qmp::BrokenPipeError(QStringLiteral("gone"));
        }
    } catch (const std::exception &e) {
        got = ManagerErrorNames::nameOf(e);
    }
    QCOMPARE(got, name);
    if (remoteType.isEmpty())
        return;
    try {
        ManagerErrorNames::raise(name, QStringLiteral("msg"), QStringLiteral("manager at X"));
        QFAIL("raise() returned");
    } catch (const qmp::RemoteError &e) {
        QCOMPARE(e.type(), remoteType);
        QVERIFY2(QString::fromUtf8(e.what()).contains(QLatin1String("msg")), e.what());
    }
}

void tst_ManagerErrorNames::unknownNameRaisesRemoteError()
{
    try {
        ManagerErrorNames::raise(QStringLiteral("NotAType"), QStringLiteral("msg"), QStringLiteral("manager at X"));
        QFAIL("raise() returned");
    } catch (const qmp::RemoteError &e) {
        QCOMPARE(e.type(), QStringLiteral("NotAType"));
    }
}

QTEST_GUILESS_MAIN(tst_ManagerErrorNames)
#include "tst_managererrornames.moc"
