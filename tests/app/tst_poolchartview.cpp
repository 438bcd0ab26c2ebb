// PoolChartView: a line at the largest value is drawn below the top of the plot, not on its
// border; the time axis always has at least two labels, whatever the chart's width.
#include "poolchartview.h"

#include <QStandardItemModel>
#include <QTest>

#include <memory>

using qmp::PoolChartView;
using qmp::PoolState;
using qmp::ValueUnit;

namespace {

// Column 0: seconds before the newest sample; column 1: the value.
void fill(QStandardItemModel &model, const QList<QPointF> &points)
{
    model.clear();
    model.setColumnCount(2);
    model.setRowCount(int(points.size()));
    for (int row = 0; row < points.size(); ++row) {
        model.setData(model.index(row, 0), points.at(row).x());
        model.setData(model.index(row, 1), points.at(row).y());
    }
}

PoolChartView *chartOf(QStandardItemModel &model, ValueUnit unit)
{
    auto *view = new PoolChartView(&model, [] { return QStringLiteral("chart"); },
                                   {{PoolState::Series::BusyWorkers, [] { return QStringLiteral("line"); }, 1}}, unit);
    view->setRange(0);
    return view;
}

} // namespace

class tst_PoolChartView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aFlatLineAtTheTopIsNotOnTheBorder_data()
    {
        QTest::addColumn<int>("unit");
        QTest::addColumn<double>("value");
        QTest::newRow("4 busy workers") << int(ValueUnit::Count) << 4.0;
        QTest::newRow("100 %") << int(ValueUnit::Percent) << 100.0;
        QTest::newRow("2/s") << int(ValueUnit::PerSecond) << 2.0;
        QTest::newRow("250 ms") << int(ValueUnit::Milliseconds) << 250.0;
    }
    void aFlatLineAtTheTopIsNotOnTheBorder()
    {
        QFETCH(int, unit);
        QFETCH(double, value);
        QStandardItemModel model;
        fill(model, {{-30, value}, {-20, value}, {-10, value}, {0, value}});
        std::unique_ptr<PoolChartView> view(chartOf(model, ValueUnit(unit)));
        view->resize(400, 240);
        view->show();
        QVERIFY(QTest::qWaitForWindowExposed(view.get()));
        QTRY_COMPARE(view->pointCount(0), 4);
        QTRY_VERIFY2(view->yMaximum() > value, qPrintable(QString::number(view->yMaximum())));
    }

    void theTimeAxisHasTwoLabelsAtAnyWidth_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<double>("seconds");
        for (int width : {120, 200, 400, 900}) {
            for (double seconds : {60.0, 75.0, 90.0, 119.0, 600.0})
                QTest::addRow("%d px, %g s", width, seconds) << width << seconds;
        }
    }
    void theTimeAxisHasTwoLabelsAtAnyWidth()
    {
        QFETCH(int, width);
        QFETCH(double, seconds);
        QStandardItemModel model;
        fill(model, {{-seconds, 1}, {0, 2}});
        std::unique_ptr<PoolChartView> view(chartOf(model, ValueUnit::Count));
        view->resize(width, 200);
        view->show();
        QVERIFY(QTest::qWaitForWindowExposed(view.get()));
        QTRY_COMPARE(view->pointCount(0), 2);
        QTRY_VERIFY2(view->xLabels().size() >= 2, qPrintable(view->xLabels().join(QLatin1Char(','))));
    }
};

QTEST_MAIN(tst_PoolChartView)
#include "tst_poolchartview.moc"
