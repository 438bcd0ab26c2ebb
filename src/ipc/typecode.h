#pragma once
// TypeCode<T>: the ctypes / array-module typecode of a C++ type, for Value and Array
// ('c' char, 'b' signed char, 'B' unsigned char, 'h' short, 'H' unsigned short, 'i' int,
// 'I' unsigned int, 'l' long, 'L' unsigned long, 'q' long long, 'Q' unsigned long long,
// 'f' float, 'd' double, 'u' wchar_t). Another T fails to compile ("bad typecode").

#include <QString>

namespace qmp {

template <typename T>
struct TypeCode;

#define QMP_TYPECODE(Type, Code) \
    template <> \
    struct TypeCode<Type> \
    { \
        static constexpr char code = Code; \
    };
QMP_TYPECODE(char, 'c')
QMP_TYPECODE(signed char, 'b')
QMP_TYPECODE(unsigned char, 'B')
QMP_TYPECODE(short, 'h')
QMP_TYPECODE(unsigned short, 'H')
QMP_TYPECODE(int, 'i')
QMP_TYPECODE(unsigned int, 'I')
QMP_TYPECODE(long, 'l')
QMP_TYPECODE(unsigned long, 'L')
QMP_TYPECODE(long long, 'q')
QMP_TYPECODE(unsigned long long, 'Q')
QMP_TYPECODE(float, 'f')
QMP_TYPECODE(double, 'd')
QMP_TYPECODE(wchar_t, 'u')
#undef QMP_TYPECODE

} // namespace qmp
