#pragma once
// PoolChartView: one chart of a pool's (or a queue's) time series — lines fed straight from a
// PoolSeriesModel through QVXYModelMapper (x: column 0, seconds before the newest sample; y: column
// 1 + PoolState::Series). Axes have round ticks with units (AxisTicks: "-2 min", "250 ms",
// "3/min"), as many as the chart's size allows; the time range is chosen (the last minute, ten
// minutes, hour, or everything kept); hovering shows the values under the cursor. All Qt Charts
// code of the studio lives in this folder (Qt Charts is deprecated from Qt 6.10: the move to Qt
// Graphs stays one folder wide). GUI thread.

#include "modelroles.h"
#include "poolstate.h"

#include <QChartView>
#include <QList>

#include <functional>

class QAbstractItemModel;
class QCategoryAxis;
class QLineSeries;
class QVXYModelMapper;

namespace qmp {

class PoolChartView : public QChartView
{
    Q_OBJECT
public:
    struct Line
    {
        PoolState::Series series;
        std::function<QString()> name; // translated, called again on a language change
        int column = -1; // the model's y column; -1: 1 + series (a PoolSeriesModel's layout)
    };

    // model: a PoolSeriesModel, or any model with seconds-before-now in column 0 (a
    // QueueSeriesModel; give each line its column) — not owned. title: called again on a
    // language change. unit: what the values are (Count, PerSecond, Milliseconds, Percent).
    PoolChartView(QAbstractItemModel *model, std::function<QString()> title, QList<Line> lines,
                  ValueUnit unit = ValueUnit::Count, QWidget *parent = nullptr);

    // Seconds of history shown, ending at the newest sample; 0: everything kept.
    void setRange(int seconds);
    int range() const { return m_range; }
    // The y axis reaches at least this (a pool's size for busy workers); 0: the data decides.
    void setMinimumTop(std::function<double()> top) { m_minimumTop = std::move(top); rescale(); }

    int lineCount() const { return int(m_lines.size()); }
    int pointCount(int line) const; // points the chart shows (tests, screenshots)
    double yMaximum() const;
    double xMinimum() const;
    // The axes' tick labels now (tests: readable, with units).
    QStringList xLabels() const;
    QStringList yLabels() const;
    // What the tool tip says for the sample nearest to x (seconds before the newest sample).
    QString valuesAt(double x) const;

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;

private:
    void retranslate();
    void rescale();

    QAbstractItemModel *m_model;
    std::function<QString()> m_title;
    QList<Line> m_lines;
    ValueUnit m_unit;
    int m_range = 600;
    std::function<double()> m_minimumTop;
    QList<QLineSeries *> m_series;
    QList<QVXYModelMapper *> m_mappers;
    QCategoryAxis *m_x;
    QCategoryAxis *m_y;
};

} // namespace qmp
