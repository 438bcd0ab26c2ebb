// StuckBanner: hidden until a worker of the pool is stuck; then it names the first stuck worker,
// its task and why, counts the others, offers a terminate button only where the pool allows
// control (saying so where it does not), and asks for exactly that worker to be terminated.
#include "languagemanager.h"
#include "poolevents.h"
#include "poolstate.h"
#include "stuckbanner.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using qmp::PoolState;
using qmp::StuckBanner;
using qmp::StuckReason;

namespace {

// A pool (of another program: stuck is what its hub says) whose workers 101..100+workers each run
// a task; the first `stuck` of them are stuck, past a 1 min limit.
std::unique_ptr<PoolState> poolWith(int workers, int stuck)
{
    auto pool = std::make_unique<PoolState>(1, QStringLiteral("pool"), workers);
    pool->setMirrored(true, 4242);
    for (int i = 1; i <= workers; ++i) {
        pool->apply(poolevents::workerStarted(100 + i), 1000);
        pool->apply(poolevents::queued(quint64(i)), 1000);
        pool->apply(poolevents::started(quint64(i), 100 + i), 1000);
    }
    for (int i = 1; i <= stuck; ++i)
        pool->setStuck(quint64(i), StuckReason{StuckReason::Kind::PastLimit, 125'000, 60'000, 0, 0});
    return pool;
}

} // namespace

class tst_StuckBanner : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void saysWhatIsStuck_data()
    {
        QTest::addColumn<int>("workers");
        QTest::addColumn<int>("stuck");
        QTest::addColumn<bool>("control");
        QTest::addColumn<QStringList>("says");
        QTest::addColumn<QStringList>("doesNotSay");
        QTest::newRow("none stuck") << 2 << 0 << true << QStringList() << QStringList{QStringLiteral("stuck")};
        QTest::newRow("one stuck, controllable")
            << 2 << 1 << true << QStringList{QStringLiteral("Worker 101 (square) is stuck: running for")}
            << QStringList{QStringLiteral("more stuck"), QStringLiteral("does not allow control")};
        QTest::newRow("three stuck")
            << 4 << 3 << true
            << QStringList{QStringLiteral("Worker 101 (square) is stuck"), QStringLiteral("(2 more stuck)")}
            << QStringList{QStringLiteral("does not allow control")};
        QTest::newRow("one stuck, read-only")
            << 1 << 1 << false
            << QStringList{QStringLiteral("Worker 101 (square) is stuck"),
                           QStringLiteral("(this program does not allow control: it can only be watched)")}
            << QStringList{QStringLiteral("more stuck")};
    }
    void saysWhatIsStuck()
    {
        QFETCH(int, workers);
        QFETCH(int, stuck);
        QFETCH(bool, control);
        QFETCH(QStringList, says);
        QFETCH(QStringList, doesNotSay);
        QWidget window;
        auto *banner = new StuckBanner(&window);
        window.show();
        QVERIFY(!banner->isVisible());
        const auto pool = poolWith(workers, stuck);
        banner->showStuckOf(pool.get(), control);
        QCOMPARE(banner->isVisible(), stuck > 0);
        QCOMPARE(banner->stuckPid(), stuck > 0 ? 101 : 0);
        for (const QString &part : says)
            QVERIFY2(banner->text().contains(part), qPrintable(banner->text()));
        for (const QString &part : doesNotSay)
            QVERIFY2(!banner->text().contains(part), qPrintable(banner->text()));
        auto *button = banner->findChild<QPushButton *>(QStringLiteral("terminateStuckButton"));
        QVERIFY(button);
        QCOMPARE(button->isVisible(), stuck > 0 && control);
    }

    void buttonAsksForTheStuckWorker()
    {
        QWidget window;
        auto *banner = new StuckBanner(&window);
        window.show();
        QSignalSpy requested(banner, &StuckBanner::terminateRequested);
        auto pool = poolWith(3, 0);
        pool->setStuck(2, StuckReason{StuckReason::Kind::PastLimit, 125'000, 60'000, 0, 0});
        banner->showStuckOf(pool.get(), true);
        auto *button = banner->findChild<QPushButton *>(QStringLiteral("terminateStuckButton"));
        QVERIFY(button->toolTip().contains(QLatin1String("102")));
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.at(0).at(0).toLongLong(), 102);
        // No pool (removed): hidden, and nothing to ask for.
        banner->showStuckOf(nullptr, true);
        QVERIFY(!banner->isVisible());
        QCOMPARE(banner->stuckPid(), 0);
    }

    void followsTheLanguage()
    {
        qmp::LanguageManager languages;
        QVERIFY(languages.setLanguage(QStringLiteral("en"), false));
        QWidget window;
        auto *banner = new StuckBanner(&window);
        const auto pool = poolWith(1, 1);
        banner->showStuckOf(pool.get(), true);
        const QString english = banner->text();
        QVERIFY(languages.setLanguage(QStringLiteral("zh_CN"), false));
        QTRY_VERIFY(banner->text() != english);
        QVERIFY2(banner->text().contains(QLatin1String("101")), qPrintable(banner->text()));
        QVERIFY(banner->findChild<QPushButton *>(QStringLiteral("terminateStuckButton"))->text()
                != QLatin1String("Terminate stuck worker"));
        QVERIFY(languages.setLanguage(QStringLiteral("en"), false));
        QTRY_COMPARE(banner->text(), english);
    }
};

QTEST_MAIN(tst_StuckBanner)
#include "tst_stuckbanner.moc"
