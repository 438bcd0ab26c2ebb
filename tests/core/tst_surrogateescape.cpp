// SurrogateEscape: every byte string survives decode() then encode() unchanged; valid UTF-8
// decodes as QString::fromUtf8 does; what is not UTF-8 becomes U+DC80..U+DCFF, one per byte.
#include "surrogateescape.h"

#include <QRandomGenerator>
#include <QTest>

using qmp::SurrogateEscape;

class tst_SurrogateEscape : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("isText");
        QTest::newRow("empty") << QByteArray() << true;
        QTest::newRow("ascii") << QByteArray("hello world\n") << true;
        QTest::newRow("utf-8") << QByteArray("caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80") << true;
        QTest::newRow("latin-1") << QByteArray("caf\xe9 na\xefve") << false;
        QTest::newRow("lone continuation") << QByteArray("a\x80z") << false;
        QTest::newRow("cut sequence") << QByteArray("a\xe6\x97") << false;
        QTest::newRow("overlong slash") << QByteArray("\xc0\xaf") << false;
        QTest::newRow("encoded surrogate") << QByteArray("\xed\xb3\xbf") << false; // U+DCFF as UTF-8
        QTest::newRow("beyond U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << false;
        QTest::newRow("4-byte char then a bad byte") << QByteArray("\xf0\x90\x82\x80\xff") << false; // U+10080: low half DC80
        QTest::newRow("NUL and 0xff") << QByteArray("\x00\xff\x00", 3) << false;
    }
    void roundTrip()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, isText);
        const QString text = SurrogateEscape::decode(bytes);
        QCOMPARE(SurrogateEscape::encode(text), bytes);
        QCOMPARE(SurrogateEscape::holdsBytes(text), !isText);
        if (isText)
            QCOMPARE(text, QString::fromUtf8(bytes));
    }

    void badBytesAreOneCharacterEach()
    {
        const QString text = SurrogateEscape::decode(QByteArray("a\xffz\xe9"));
        QCOMPARE(text.size(), 4);
        QCOMPARE(text.at(1).unicode(), char16_t(0xdcff));
        QCOMPARE(text.at(3).unicode(), char16_t(0xdce9));
        // QString's own conversion is what loses them: the reason this class exists.
        QVERIFY(text.toUtf8() != QByteArray("a\xffz\xe9"));
    }

    void randomBytes()
    {
        QRandomGenerator random(20240601);
        for (int i = 0; i < 2000; ++i) {
            QByteArray bytes(random.bounded(0, 40), Qt::Uninitialized);
            for (char &c : bytes)
                c = char(random.bounded(0, 256));
            QCOMPARE(SurrogateEscape::encode(SurrogateEscape::decode(bytes)), bytes);
        }
    }
};

QTEST_GUILESS_MAIN(tst_SurrogateEscape)
#include "tst_surrogateescape.moc"
